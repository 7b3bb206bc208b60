package org.convscope.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.convscope.core.render.WeightPicture.Kind;
import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class WeightPictureTest {

    private static Tensor random(long seed, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Tensor(v, shape);
    }

    @Test
    void aConvKernelIsAGridOfItsFiltersForOneInputChannel() {
        // 3×3 kernel, 2 input channels, 10 filters: 4 tiles across, 3 down, a grey pixel between
        Tensor k = random(1, 3, 3, 2, 10);
        WeightPicture p = WeightPicture.of(k, 1, true, Colormap.GRAY);
        assertEquals(Kind.FILTERS, p.kind());
        assertEquals(4, p.columns());
        assertEquals(3, p.rows());
        assertEquals(4 * 3 + 3 * WeightPicture.GAP, p.image().width());
        assertEquals(3 * 3 + 2 * WeightPicture.GAP, p.image().height());
        // filter 5 sits in column 1, row 1; its pixel (y 2, x 0) is weight [2, 0, channel 1, 5]
        float v = k.data()[((2 * 3 + 0) * 2 + 1) * 10 + 5];
        int expected = Colormap.GRAY.argb((v - p.low()) / (p.high() - p.low()));
        assertEquals(expected, p.image().pixel(1 * 4, 1 * 4 + 2));
        assertEquals(-p.low(), p.high(), 1e-12, "signed weights: a range symmetric around zero");
    }

    @Test
    void aFirstLayerKernelIsDrawnInColourEachFilterStretched() {
        Tensor k = random(2, 5, 5, 3, 16);
        WeightPicture p = WeightPicture.of(k, 0, true, Colormap.VIRIDIS);
        assertEquals(Kind.RGB_FILTERS, p.kind());
        assertEquals(4 * 5 + 3, p.image().width());
        assertEquals(4 * 5 + 3, p.image().height());
        // filter 0, pixel (0, 0): red is channel 0 scaled to filter 0's own range
        float[] d = k.data();
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < d.length; i += 16) {
            lo = Math.min(lo, d[i]);
            hi = Math.max(hi, d[i]);
        }
        int red = (int) Math.round((d[0] - lo) / (hi - lo) * 255);
        assertEquals(red, p.image().pixel(0, 0) >> 16 & 0xFF);
        assertEquals(Kind.FILTERS, WeightPicture.of(k, 2, false, Colormap.VIRIDIS).kind(), "colour can be turned off");
    }

    @Test
    void aDenseKernelIsAMatrixAndABiasAStrip() {
        WeightPicture m = WeightPicture.of(random(3, 20, 7), 0, true, Colormap.VIRIDIS);
        assertEquals(Kind.MATRIX, m.kind());
        assertEquals(7, m.image().width());
        assertEquals(20, m.image().height());
        WeightPicture s = WeightPicture.of(random(4, 33), 0, true, Colormap.VIRIDIS);
        assertEquals(Kind.STRIP, s.kind());
        assertEquals(33, s.image().width());
        assertEquals(WeightPicture.STRIP_HEIGHT, s.image().height());
    }

    @Test
    void aLargeMatrixIsShrunkByAveragingBlocks() {
        // 4,100 × 300: step 5 (ceil 4100 / 1024), so 820 × 60 pixels, each the mean of a 5×5 block
        int rows = 4100;
        int cols = 300;
        float[] d = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                d[r * cols + c] = r < 5 && c < 5 ? (r == 0 && c == 0 ? 25f : 0f) : 1f;
            }
        }
        WeightPicture p = WeightPicture.of(new Tensor(d, new int[] { rows, cols }), 0, true, Colormap.GRAY);
        assertEquals(5, p.step());
        assertEquals(60, p.image().width());
        assertEquals(820, p.image().height());
        assertEquals(1.0, p.low(), 1e-9, "every block averages to 1");
        assertTrue(p.image().width() <= WeightPicture.MAX_SIDE && p.image().height() <= WeightPicture.MAX_SIDE);
    }

    @Test
    void histogramCountsEveryFiniteValueOnce() {
        Tensor t = random(5, 3, 3, 8, 16);
        float[] d = t.data().clone();
        d[7] = Float.NaN;
        Histogram h = Histogram.of(d, 40);
        assertEquals(d.length - 1, h.total());
        assertEquals(1, h.nonFinite());
        assertEquals(40, h.counts().length);
        double min = Double.MAX_VALUE;
        for (float v : d) {
            if (!Float.isNaN(v)) {
                min = Math.min(min, v);
            }
        }
        assertEquals(min, h.min(), 0);
        assertTrue(h.counts()[0] >= 1 && h.counts()[39] >= 1, "the extremes fall in the end bins");
        assertEquals(5, Histogram.of(new float[] { 2, 2, 2, 2, 2 }, 8).counts()[0], "equal values share a bin");
    }
}
