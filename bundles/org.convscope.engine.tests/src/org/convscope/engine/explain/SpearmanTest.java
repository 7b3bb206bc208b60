package org.convscope.engine.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spearman's ρ on samples worked out by hand. */
class SpearmanTest {

    @Test
    void monotoneIsOneAndReversedIsMinusOne() {
        float[] a = { 1, 2, 3, 4, 5 };
        assertEquals(1, Spearman.correlation(a, new float[] { 1, 4, 9, 16, 100 }), 1e-12);
        assertEquals(-1, Spearman.correlation(a, new float[] { 5, 3, 2, 0, -7 }), 1e-12);
    }

    @Test
    void tiesShareTheirMeanRank() {
        assertArrayEquals(new double[] { 1, 2, 3.5, 5, 3.5 }, Spearman.ranks(new float[] { 5, 6, 7, 8, 7 }));
        // ranks 1..5 against 1, 2, 3.5, 5, 3.5: Σ da·db = 8, Σ da² = 10, Σ db² = 9.5
        assertEquals(8 / Math.sqrt(95), Spearman.correlation(new float[] { 1, 2, 3, 4, 5 },
                new float[] { 5, 6, 7, 8, 7 }), 1e-12);
    }

    @Test
    void zerosAfterReluAreOneTie() {
        // a relu'd map: three zeros share rank 2; 0.0 and −0.0 are the same value
        assertArrayEquals(new double[] { 2, 2, 4, 2 }, Spearman.ranks(new float[] { 0f, -0f, 0.5f, 0f }));
    }

    @Test
    void constantSampleHasNoCorrelation() {
        assertTrue(Double.isNaN(Spearman.correlation(new float[] { 1, 2, 3 }, new float[] { 4, 4, 4 })));
    }
}
