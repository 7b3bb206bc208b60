package org.convscope.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ChannelComparisonTest {

    @Test
    void differenceAndRanking() {
        // 2 pixels × 3 channels; channel 0 equal, channel 1 differs a little on a large range,
        // channel 2 differs a lot relative to its range
        Tensor a = new Tensor(new float[] { 1, 100, 0, 2, 200, 1 }, new int[] { 1, 1, 2, 3 });
        Tensor b = new Tensor(new float[] { 1, 110, 0, 2, 190, 0, 5, 5, 5, 5, 5, 5 }, new int[] { 2, 1, 2, 3 });
        Tensor diff = ChannelComparison.difference(a, 0, b, 0);
        assertArrayEquals(new int[] { 1, 1, 2, 3 }, diff.shape());
        assertArrayEquals(new float[] { 0, -10, 0, 0, 10, 1 }, diff.data());

        List<ChannelComparison.ChannelDifference> ranked = ChannelComparison.rank(a, 0, b, 0);
        assertEquals(List.of(2, 1, 0), ranked.stream().map(ChannelComparison.ChannelDifference::channel).toList());
        assertEquals(0.5, ranked.get(0).meanAbsDiff(), 1e-12);
        assertEquals(0.5, ranked.get(0).meanDifference(), 1e-12);
        assertEquals(10.0, ranked.get(1).meanAbsDiff(), 1e-12);
        assertEquals(0.0, ranked.get(2).relative());
        assertThrows(IllegalArgumentException.class,
                () -> ChannelComparison.difference(a, 0, new Tensor(new float[4], new int[] { 1, 1, 1, 4 }), 0));
    }
}
