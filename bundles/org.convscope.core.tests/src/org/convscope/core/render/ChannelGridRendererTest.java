package org.convscope.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ChannelGridRendererTest {

    /** A (batch, h, w, c) tensor of seeded values with no two channels alike. */
    private static Tensor random(int batch, int h, int w, int c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = new float[batch * h * w * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextGaussian() * (1 + i % c) + i % c);
        }
        return new Tensor(d, new int[] { batch, h, w, c });
    }

    private static void setChannel(Tensor t, int c, float value) {
        int channels = t.dim(-1);
        for (int i = c; i < t.size(); i += channels) {
            t.data()[i] = value;
        }
    }

    /** @return the tile of channel {@code c} as pixels, row by row */
    private static int[] tile(ChannelGrid g, int c) {
        GridGeometry geo = g.geometry();
        int w = geo.tilePixelWidth();
        int h = geo.tilePixelHeight();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = g.image().pixel(geo.tileX(c) + x, geo.tileY(c) + y);
            }
        }
        return out;
    }

    @Test
    void everyChannelGetsATileWhenTheCountIsOdd() {
        ChannelGrid g = ChannelGridRenderer.render(random(1, 5, 7, 37, 1));
        GridGeometry geo = g.geometry();
        assertEquals(37, g.tileCount());
        assertEquals(37, g.stats().size());
        assertEquals(16, geo.columns());
        assertEquals(3, geo.rows());
        assertEquals(16 * 7 + 15, geo.width());
        assertEquals(3 * 5 + 2, geo.height());
        // the last channel sits in the third row, fifth column, and maps back to itself
        assertEquals(4 * 8, geo.tileX(36));
        assertEquals(2 * 6, geo.tileY(36));
        assertEquals(new GridGeometry.TilePoint(36, 4, 6), geo.pointAt(4 * 8 + 6, 2 * 6 + 4));
        // gaps and the empty cells after it map to no channel and show the background
        assertNull(geo.pointAt(7, 0));
        assertNull(geo.pointAt(5 * 8, 2 * 6));
        int bg = GridOptions.defaults().background();
        assertEquals(bg, g.image().pixel(7, 0));
        assertEquals(bg, g.image().pixel(geo.width() - 1, geo.height() - 1));
    }

    @Test
    void everyChannelIsReachableThroughTheGeometry() {
        Tensor t = random(1, 3, 4, 21, 2);
        ChannelGrid g = ChannelGridRenderer.render(t, GridOptions.defaults().withPerRow(5).withUpscale(3).withGap(2));
        GridGeometry geo = g.geometry();
        assertEquals(5, geo.rows());
        boolean[] seen = new boolean[21];
        for (int y = 0; y < geo.height(); y++) {
            for (int x = 0; x < geo.width(); x++) {
                GridGeometry.TilePoint p = geo.pointAt(x, y);
                if (p != null) {
                    seen[p.channel()] = true;
                    float expected = t.data()[(p.row() * 4 + p.column()) * 21 + p.channel()];
                    assertEquals(expected, g.valueAt(x, y));
                }
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void upscalingRepeatsEachPixel() {
        Tensor t = random(1, 5, 6, 7, 13);
        setChannel(t, 3, 0f);
        GridOptions o = GridOptions.defaults().withPerRow(3).withGap(2);
        ChannelGrid one = ChannelGridRenderer.render(t, o);
        ChannelGrid three = ChannelGridRenderer.render(t, o.withUpscale(3));
        for (int c = 0; c < 7; c++) {
            if (c == 3) {
                continue; // the hatch keeps its period, it is not magnified
            }
            int[] small = tile(one, c);
            int[] big = tile(three, c);
            for (int y = 0; y < 15; y++) {
                for (int x = 0; x < 18; x++) {
                    assertEquals(small[(y / 3) * 6 + x / 3], big[y * 18 + x], "channel " + c);
                }
            }
        }
        assertTrue(three.stats().get(3).dead());
    }

    @Test
    void pixelsFollowTheNotebooksStandardisation() {
        Tensor t = random(1, 4, 4, 3, 3);
        ChannelGrid g = ChannelGridRenderer.render(t, GridOptions.defaults().withColormap(Colormap.GRAY));
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            for (int p = 0; p < 16; p++) {
                mean += t.data()[p * 3 + c];
            }
            mean /= 16;
            double var = 0;
            for (int p = 0; p < 16; p++) {
                var += Math.pow(t.data()[p * 3 + c] - mean, 2);
            }
            double std = Math.sqrt(var / 16);
            assertEquals(mean, g.stats().get(c).mean(), 1e-5 * Math.max(1, Math.abs(mean)));
            assertEquals(std, g.stats().get(c).std(), 1e-5 * Math.max(1, std));
            int[] tile = tile(g, c);
            for (int p = 0; p < 16; p++) {
                double x = (t.data()[p * 3 + c] - mean) / std * 64 + 128;
                int expected = (int) Math.max(0, Math.min(255, x));
                // float rounding may tip a value sitting on an integer into the next entry
                boolean onEdge = Math.abs(x - Math.rint(x)) < 1e-3;
                int got = tile[p];
                assertTrue(got == Colormap.GRAY.argb(expected)
                        || onEdge && got == Colormap.GRAY.argb(Math.max(0, Math.min(255, (int) Math.rint(x) - 1))),
                        "channel " + c + " pixel " + p + ": " + Integer.toHexString(got) + " vs " + x);
            }
        }
    }

    @Test
    void deadAndConstantChannelsAreFlaggedAndCounted() {
        Tensor t = random(1, 6, 6, 10, 4);
        setChannel(t, 2, 0f);
        setChannel(t, 7, 0f);
        setChannel(t, 5, 3.5f);
        ChannelGrid g = ChannelGridRenderer.render(t);
        assertEquals(2, g.deadCount());
        assertEquals(1, g.constantCount());
        assertEquals(3, g.flaggedCount());
        assertTrue(g.stats().get(2).dead());
        assertEquals(1.0, g.stats().get(2).zeroShare());
        assertTrue(g.stats().get(5).constant());
        assertFalse(g.stats().get(5).dead());
        assertEquals(0.0, g.stats().get(5).std());
        assertFalse(g.stats().get(0).flagged());
        for (int c : new int[] { 2, 7 }) {
            for (int p : tile(g, c)) {
                assertTrue(p == TileMarks.DEAD_FILL || p == TileMarks.DEAD_HATCH);
            }
            assertEquals(TileMarks.DEAD_HATCH, tile(g, c)[0]);
        }
        for (int p : tile(g, 5)) {
            assertTrue(p == TileMarks.CONSTANT_FILL || p == TileMarks.CONSTANT_HATCH);
        }
        // a marked tile is not a colour-map colour
        int[] viridis = Colormap.VIRIDIS.table256();
        for (int v : viridis) {
            assertNotEquals(TileMarks.DEAD_FILL, v);
            assertNotEquals(TileMarks.CONSTANT_FILL, v);
        }
    }

    @Test
    void nothingIsNaNEvenWithNonFiniteInputs() {
        Tensor t = random(1, 8, 8, 4, 5);
        t.data()[0] = Float.NaN;
        t.data()[5] = Float.POSITIVE_INFINITY;
        t.data()[4 * 10 + 2] = Float.NEGATIVE_INFINITY;
        for (NormalizationScope scope : new NormalizationScope[] { NormalizationScope.CHANNEL,
                NormalizationScope.LAYER, NormalizationScope.GLOBAL }) {
            ChannelGrid g = ChannelGridRenderer.render(t, GridOptions.defaults().withScope(scope));
            for (ChannelStats s : g.stats()) {
                for (double v : new double[] { s.mean(), s.std(), s.min(), s.max(), s.zeroShare() }) {
                    assertTrue(Double.isFinite(v), scope + ": " + s);
                }
            }
            assertEquals(1, g.stats().get(0).nonFinite());
            assertEquals(1, g.stats().get(1).nonFinite());
            assertEquals(TileMarks.NON_FINITE, g.image().pixel(0, 0));
        }
        // the same figures as without the non-finite values
        float[] rest = new float[63];
        for (int p = 1, k = 0; p < 64; p++) {
            rest[k++] = t.data()[p * 4];
        }
        double mean = 0;
        for (float v : rest) {
            mean += v;
        }
        assertEquals(mean / 63, ChannelGridRenderer.render(t).stats().get(0).mean(), 1e-5);
    }

    @Test
    void anAllZeroLayerGivesNoNaNInAnyScope() {
        Tensor t = new Tensor(new float[2 * 3 * 3 * 5], new int[] { 2, 3, 3, 5 });
        for (NormalizationScope scope : new NormalizationScope[] { NormalizationScope.CHANNEL,
                NormalizationScope.LAYER, NormalizationScope.GLOBAL }) {
            ChannelGrid g = ChannelGridRenderer.render(t, GridOptions.defaults().withScope(scope));
            assertEquals(5, g.deadCount());
        }
        ChannelGrid shared = ChannelGridRenderer.render(t,
                GridOptions.defaults().withShared(SharedScale.across(List.of(t))));
        assertEquals(5, shared.deadCount());
    }

    @Test
    void sharedScopeDrawsIdenticalValuesIdenticallyAcrossInputs() {
        Tensor a = random(1, 6, 6, 4, 6);
        Tensor b = random(1, 6, 6, 4, 7);
        // channel 1: the first three rows are the same in both inputs, the rest differ in spread
        int c = 1;
        for (int p = 0; p < 36; p++) {
            if (p < 18) {
                b.data()[p * 4 + c] = a.data()[p * 4 + c];
            } else {
                b.data()[p * 4 + c] = a.data()[p * 4 + c] * 5 + 3;
            }
        }
        SharedScale scale = SharedScale.across(List.of(a, b));
        GridOptions shared = GridOptions.defaults().withShared(scale);
        int[] ta = tile(ChannelGridRenderer.render(a, shared), c);
        int[] tb = tile(ChannelGridRenderer.render(b, shared), c);
        assertArrayEquals(Arrays.copyOf(ta, 18), Arrays.copyOf(tb, 18));
        // per-channel scaling would draw the same values differently: the test can fail
        int[] ca = tile(ChannelGridRenderer.render(a), c);
        int[] cb = tile(ChannelGridRenderer.render(b), c);
        assertFalse(Arrays.equals(Arrays.copyOf(ca, 18), Arrays.copyOf(cb, 18)));
        assertEquals(4, scale.channels());
    }

    @Test
    void sharedScaleRejectsAnotherChannelCount() {
        SharedScale scale = SharedScale.across(List.of(random(1, 2, 2, 3, 8)));
        GridOptions o = GridOptions.defaults().withShared(scale);
        assertThrows(IllegalArgumentException.class, () -> ChannelGridRenderer.render(random(1, 2, 2, 4, 9), o));
        assertThrows(IllegalArgumentException.class,
                () -> SharedScale.across(List.of(random(1, 2, 2, 3, 8), random(1, 2, 2, 4, 9))));
        assertThrows(IllegalArgumentException.class, () -> GridOptions.defaults().withScope(NormalizationScope.SHARED));
    }

    @Test
    void layerScopeKeepsTheChannelsRelativeLevels() {
        float[] d = new float[4 * 4 * 2];
        for (int p = 0; p < 16; p++) {
            d[p * 2] = p;
            d[p * 2 + 1] = p * 10;
        }
        Tensor t = new Tensor(d, new int[] { 1, 4, 4, 2 });
        GridOptions gray = GridOptions.defaults().withColormap(Colormap.GRAY);
        ChannelGrid perChannel = ChannelGridRenderer.render(t, gray);
        assertArrayEquals(tile(perChannel, 0), tile(perChannel, 1));
        ChannelGrid layer = ChannelGridRenderer.render(t, gray.withScope(NormalizationScope.LAYER));
        assertTrue((tile(layer, 1)[15] & 0xFF) > (tile(layer, 0)[15] & 0xFF));
    }

    @Test
    void globalScopeSpansTheBatch() {
        Tensor t = random(2, 3, 3, 2, 10);
        for (int i = 18; i < 36; i++) {
            t.data()[i] += 100;
        }
        GridOptions gray = GridOptions.defaults().withColormap(Colormap.GRAY).withScope(NormalizationScope.GLOBAL);
        int first = tile(ChannelGridRenderer.render(t, gray), 0)[0] & 0xFF;
        int second = tile(ChannelGridRenderer.render(t, gray.withBatchIndex(1)), 0)[0] & 0xFF;
        assertTrue(second > first + 50, first + " vs " + second);
        assertThrows(IllegalArgumentException.class, () -> ChannelGridRenderer.render(t, gray.withBatchIndex(2)));
    }

    @Test
    void denseOutputsRenderAsAStrip() {
        float[] d = new float[2 * 100];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 100 == 3 ? 0 : i;
        }
        ChannelGrid g = ChannelGridRenderer.render(new Tensor(d, new int[] { 2, 100 }),
                GridOptions.defaults().withBatchIndex(1).withUpscale(2));
        GridGeometry geo = g.geometry();
        assertEquals(100, g.tileCount());
        assertEquals(64 * 2, geo.width());
        assertEquals(2 * 2, geo.height());
        assertEquals(0, g.flaggedCount());
        assertEquals(NormalizationScope.LAYER, g.scope());
        assertEquals(170f, g.valueAt(2 * 70 % 128, 2));
        assertEquals(0f, g.value(new GridGeometry.TilePoint(3, 0, 0)));
    }

    @Test
    void sequenceOutputsRenderOneRowPerChannel() {
        Tensor t = random(1, 50, 3, 1, 11);
        Tensor seq = new Tensor(t.data(), new int[] { 1, 50, 3 });
        ChannelGrid g = ChannelGridRenderer.render(seq);
        assertEquals(50, g.geometry().width());
        assertEquals(3, g.geometry().height());
        assertEquals(seq.data()[10 * 3 + 2], g.valueAt(10, 2));
    }

    @Test
    void otherRanksAreRejected() {
        assertThrows(AnalysisException.class,
                () -> ChannelGridRenderer.render(new Tensor(new float[8], new int[] { 8 })));
    }

    @Test
    void largeLayersSplitAcrossThreadsGiveTheSameStatistics() {
        Tensor t = random(1, 128, 128, 40, 12);
        ChannelGrid g = ChannelGridRenderer.render(t);
        ChannelAccumulator serial = new ChannelAccumulator(40);
        assertTrue(ChannelAccumulator.parts(t.size()) > 1 || Runtime.getRuntime().availableProcessors() == 1);
        for (int p = 0; p < 128 * 128; p += 1000) {
            int n = Math.min(1000, 128 * 128 - p);
            float[] part = Arrays.copyOfRange(t.data(), p * 40, (p + n) * 40);
            serial.add(part, 0, n);
        }
        for (int c = 0; c < 40; c++) {
            assertEquals(serial.mean(c), g.stats().get(c).mean(), 1e-4 * (1 + c));
            assertEquals(serial.std(c), g.stats().get(c).std(), 1e-4 * (1 + c));
        }
    }
}
