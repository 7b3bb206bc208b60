package org.convscope.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ActivationStatsTest {

    @Test
    void summarisesTheLayerLikeNumpy() {
        // channel 0: 0, 1, 2, 3; channel 1: all 0 (dead); channel 2: 5 (constant); channel 3: NaN then -1, 1, 3
        float[] d = { 0, 0, 5, Float.NaN, 1, 0, 5, -1, 2, 0, 5, 1, 3, 0, 5, 3 };
        ActivationStats s = ActivationStats.of(new Tensor(d, new int[] { 1, 2, 2, 4 }), 0);
        assertEquals(1, s.deadCount());
        assertEquals(1, s.constantCount());
        assertEquals(1, s.nonFiniteChannels());
        assertEquals(-1.0, s.min());
        assertEquals(5.0, s.max());
        // np.nanmean / np.nanstd of the same 15 finite values
        double mean = (0 + 1 + 2 + 3 + 0 + 20 - 1 + 1 + 3) / 15.0;
        assertEquals(mean, s.mean(), 1e-12);
        double ss = 0;
        for (float v : d) {
            if (!Float.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        assertEquals(Math.sqrt(ss / 15), s.std(), 1e-12);
        assertEquals((0.25 + 1.0 + 0 + 0) / 4, s.zeroShare(), 1e-12);
        assertEquals(1.5, s.channels().get(0).mean(), 1e-12);
        assertEquals(Math.sqrt(1.25), s.channels().get(0).std(), 1e-12);
    }

    @Test
    void denseUnitsAreNeverDead() {
        ActivationStats s = ActivationStats.of(new Tensor(new float[] { 0, 0, 1, 2 }, new int[] { 2, 2 }), 0);
        assertEquals(0, s.deadCount());
        assertEquals(0, s.constantCount());
        assertEquals(1.0, s.zeroShare());
        assertEquals(0.0, s.max());
    }
}
