package org.convscope.engine.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Deletion, insertion and confidence change on cases worked out by hand. */
class TrustMeasuresTest {

    /** y = the sum of all input values: linear, so each step's score is a sum of kept pixels. */
    private static final Scorer SUM = (batch, count, target) -> {
        float[] y = new float[count];
        int size = batch.length / count;
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < size; i++) {
                y[n] += batch[n * size + i];
            }
        }
        return y;
    };

    @Test
    void linearScoreOnFourPixels() {
        // pixels 1, 2, 3, 4; the map ranks them 1, 2, 3, 0; step k removes ⌊k·4/20⌋ = ⌊k/5⌋ pixels
        float[] image = { 1, 2, 3, 4 };
        float[] map = { 0.1f, 0.4f, 0.3f, 0.2f };
        TrustMetrics t = TrustMeasures.compute(image, 2, 2, 1, map, 0, SUM);
        assertEquals(10, t.score(), 0);
        // deletion: y = 10 (k 0-4), 8 (5-9), 5 (10-14), 1 (15-19), 0 (20); trapezoids sum to 115, /20
        assertEquals(5.75, t.deletionAuc(), 1e-6);
        // insertion: y = 0, 2, 5, 9, 10 on the same steps; trapezoids sum to 85, /20
        assertEquals(4.25, t.insertionAuc(), 1e-6);
        // ⌊4/4⌋ = 1 pixel kept: the one of value 2
        assertEquals(2 - 10, t.confidenceChange(), 0);
    }

    @Test
    void pixelsKeepAllTheirChannels() {
        // two pixels of two channels, sums 3 and 70; the map prefers pixel 1; step k removes ⌊k/10⌋
        float[] image = { 1, 2, 30, 40 };
        TrustMetrics t = TrustMeasures.compute(image, 1, 2, 2, new float[] { 0, 1 }, 0, SUM);
        // deletion: y = 73 (k 0-9), 3 (10-19), 0 (20): 9·73 + 38 + 9·3 + 1.5 = 723.5, /20
        assertEquals(36.175, t.deletionAuc(), 1e-5);
        // insertion: y = 0, 70, 73 on the same steps: 35 + 9·70 + 71.5 = 736.5, /20
        assertEquals(36.825, t.insertionAuc(), 1e-5);
        // ⌊2/4⌋ = 0 pixels kept: the zero image
        assertEquals(-73, t.confidenceChange(), 0);
    }

    @Test
    void orderIsByDescendingValueThenIndex() {
        assertArrayEquals(new int[] { 2, 0, 3, 1 }, TrustMeasures.order(new float[] { 0.5f, 0.1f, 0.9f, 0.5f }));
    }

    @Test
    void aucIsTheMeanOfTheTrapezoids() {
        assertEquals(0.5, TrustMeasures.auc(new float[] { 0, 1 }), 0);
        assertEquals(1.0, TrustMeasures.auc(new float[] { 1, 1, 1 }), 0);
        assertEquals(0.25, TrustMeasures.auc(new float[] { 0, 0, 1 }), 0);
    }
}
