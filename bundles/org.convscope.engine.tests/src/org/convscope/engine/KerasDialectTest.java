package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Keras 1 and 2 meant another function by {@code hard_sigmoid}: {@code clip(0.2x + 0.5, 0, 1)}. */
class KerasDialectTest {

    @Test
    void keras2HardSigmoidIsTheLinearOne() {
        Map<String, Object> keras2 = ModelGraphs.dialect(Map.of("activation", "hard_sigmoid"), 2);
        Map<String, Object> keras3 = Map.of("activation", "hard_sigmoid");
        assertSame(keras3, ModelGraphs.dialect(keras3, 3));
        Tensor x = new Tensor(new float[] { -3, -1, 0, 1, 2, 3 }, new int[] { 1, 6 });
        assertArrayEquals(new float[] { 0, 0.3f, 0.5f, 0.7f, 0.9f, 1 }, run(keras2, x), 1e-6f);
        assertArrayEquals(new float[] { 0, 1 / 3f, 0.5f, 2 / 3f, 5 / 6f, 1 }, run(keras3, x), 1e-6f);
    }

    private static float[] run(Map<String, Object> activationConfig, Tensor x) {
        List<LayerSpec> layers = List.of(
                new LayerSpec("x", "InputLayer", Map.of("batch_shape", Arrays.asList(null, 6)), List.of(), null),
                new LayerSpec("a", "Activation", activationConfig, List.of("x"), null));
        try (Network net = Engine.open(new NetworkSpec("dialect", layers))) {
            return net.forward(x, List.of("a")).output("a").data();
        }
    }
}
