package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The activation cache's budget counts the inputs its keys hold, not only their activations: a
 * batch of masked images scored once held 19 MB of input for 128 KB of scores.
 */
class ActivationCacheTest {

    @Test
    void theInputsCountAgainstTheBudget() {
        // 100 floats of input, 1 of activation: two entries are 808 bytes
        ActivationCache cache = new ActivationCache(600);
        Map<String, Tensor> first = cache.of(List.of(input(1)));
        first.put("score", new Tensor(new float[1], new int[] { 1, 1 }));
        cache.trim(first);
        assertEquals(1, cache.size());
        Map<String, Tensor> second = cache.of(List.of(input(2)));
        second.put("score", new Tensor(new float[1], new int[] { 1, 1 }));
        assertEquals(1, cache.size(), "the older entry kept over budget");
        assertEquals(second, cache.of(List.of(input(2))));
    }

    private static Tensor input(float value) {
        float[] d = new float[100];
        Arrays.fill(d, value);
        return new Tensor(d, new int[] { 1, 10, 10, 1 });
    }
}
