package org.convscope.engine.visualize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.progress.CancelledException;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The promises the notebook breaks: no NaN for an all-zero heat map, dead filters flagged rather
 * than drawn as noise, the same seed giving the same picture whatever else runs in the batch, and
 * cancellation between steps. On a two-filter network whose filter 1 can never fire.
 */
class VisualizeTest {

    private static final FilterPatternOptions QUICK = new FilterPatternOptions(12, 4, 1f, 42,
            FilterPatternOptions.StartImage.NOISE_128, 0, 0, 0, 2);

    private static Network net;

    @BeforeAll
    static void open() {
        Map<String, Object> input = new HashMap<>();
        input.put("batch_shape", Arrays.asList(null, 12, 12, 3));
        float[] kernel = new float[3 * 3 * 3 * 3];
        for (int i = 0; i < kernel.length; i++) {
            int out = i % 3;
            // filter 0 and 2 see their input; filter 1 has no weights and a negative bias: ReLU keeps it at 0
            kernel[i] = out == 1 ? 0f : (float) Math.sin(i * 0.7) * (out == 0 ? 0.5f : 0.3f);
        }
        List<LayerSpec> layers = List.of(new LayerSpec("image", "InputLayer", input, List.of(), null),
                new LayerSpec("conv", "Conv2D", Map.of("kernel_size", List.of(3L, 3L), "padding", "same",
                        "activation", "relu", "filters", 3L), List.of("image"),
                        () -> List.of(new Tensor(kernel, new int[] { 3, 3, 3, 3 }),
                                new Tensor(new float[] { 0.1f, -1f, 0.05f }, new int[] { 3 }))),
                new LayerSpec("gap", "GlobalAveragePooling2D", Map.of(), List.of("conv"), null));
        net = Engine.open(new NetworkSpec("tiny", layers));
    }

    @AfterAll
    static void close() {
        net.close();
    }

    @Test
    void allZeroHeatmapStaysZeroNotNaN() {
        GradCamResult r = new GradCamResult("l", "s", 0, 0f, CamMethod.GRADCAM, new float[9], 3, 3, List.of());
        for (float v : r.normalized()) {
            assertEquals(0f, v);
        }
        float[] zeros = new float[2 * 2 * 4];
        Tensor a = new Tensor(zeros, new int[] { 1, 2, 2, 4 });
        for (CamMethod m : CamMethod.values()) {
            float[] map = GradCam.map(a, a, m);
            assertArrayEquals(new float[4], map, m + " of zero gradients");
        }
        RgbImage picture = new RgbImage(6, 6, new int[36]);
        RgbImage overlay = r.overlay(picture, 0.4);
        assertEquals(6, overlay.width());
    }

    @Test
    void constantPositiveHeatmapNormalisesWithoutNaN() {
        float[] n = GradCamResult.normalize(new float[] { 2f, 2f, 2f });
        for (float v : n) {
            assertTrue(Float.isFinite(v) && v == 0f, "got " + v);
        }
    }

    @Test
    void deadFilterIsFlaggedAndNotDrawnAsNoise() {
        FilterPatterns p = new FilterPatterns(net, 3, Preprocessing.NONE);
        List<FilterPattern> r = p.compute("conv", new int[] { 0, 1, 2 }, QUICK, ProgressMonitor.NULL, null);
        assertFalse(r.get(0).dead());
        assertTrue(r.get(1).dead());
        assertFalse(r.get(2).dead());
        RgbImage dead = r.get(1).tile();
        assertEquals(0xFF808080, dead.pixel(1, 0), "flat grey, not the start noise");
        assertEquals(12, dead.width());
        assertTrue(r.get(0).finalLoss() > 0);
    }

    @Test
    void sameSeedSamePictureWhateverTheBatch() {
        List<FilterPattern> together = new FilterPatterns(net, 3, Preprocessing.NONE).compute("conv",
                new int[] { 0, 2 },
                QUICK, ProgressMonitor.NULL, null);
        List<FilterPattern> alone = new FilterPatterns(net, 3, Preprocessing.NONE).compute("conv", new int[] { 2 },
                QUICK.withBatchSize(1), ProgressMonitor.NULL, null);
        assertEquals(together.get(1).tile(), alone.get(0).tile());
        List<FilterPattern> otherSeed = new FilterPatterns(net, 3, Preprocessing.NONE).compute("conv", new int[] { 2 },
                QUICK.withSeed(43), ProgressMonitor.NULL, null);
        assertNotEquals(alone.get(0).tile(), otherSeed.get(0).tile());
    }

    @Test
    void secondRequestIsServedFromTheCacheAndReportedAtOnce() {
        FilterPatterns p = new FilterPatterns(net, 3, Preprocessing.NONE);
        FilterPattern first = p.compute("conv", new int[] { 0 }, QUICK, ProgressMonitor.NULL, null).get(0);
        List<FilterPattern> seen = new ArrayList<>();
        CountingMonitor m = new CountingMonitor(Integer.MAX_VALUE);
        List<FilterPattern> again = p.compute("conv", new int[] { 0, 2 }, QUICK, m, seen::add);
        assertSame(first, again.get(0));
        assertSame(first, seen.get(0), "cached patterns are handed out first");
        assertEquals(QUICK.steps(), m.worked, "only filter 2 was computed, one unit per step");
    }

    @Test
    void cancelStopsBetweenSteps() {
        FilterPatterns p = new FilterPatterns(net, 3, Preprocessing.NONE);
        CountingMonitor m = new CountingMonitor(2);
        assertThrows(CancelledException.class, () -> p.compute("conv", new int[] { 0, 2 }, QUICK, m, null));
        assertEquals(2 * 2, m.worked, "two steps of a batch of two, then stopped");
    }

    @Test
    void gradCamExplainsTheTopUnit() {
        Tensor x = new FilterPatterns(net, 3, Preprocessing.NONE).startImages(new int[] { 0 }, QUICK);
        GradCamResult r = new GradCam(net).compute(x, "conv", "gap", -1, CamMethod.GRADCAM, List.of("a", "b", "c"));
        assertEquals(r.predictions().get(0).index(), r.classIndex());
        assertEquals(3, r.predictions().size());
        assertEquals(12, r.width());
        for (float v : r.normalized()) {
            assertTrue(v >= 0f && v <= 1f);
        }
    }

    @Test
    void gridHasMarginsAroundEveryTile() {
        RgbImage tile = new RgbImage(2, 2, new int[] { -1, -1, -1, -1 });
        RgbImage g = PatternGrid.of(List.of(tile, tile, tile), 2, 1);
        assertEquals(2 * 2 + 3, g.width());
        assertEquals(2 * 2 + 3, g.height());
        assertEquals(0xFF000000, g.pixel(0, 0));
        assertEquals(-1, g.pixel(1, 1));
        assertEquals(0xFF000000, g.pixel(4, 4), "no third tile in the second row's second place");
    }

    /** Counts work and cancels after a number of reports. */
    private static final class CountingMonitor implements ProgressMonitor {

        private final int cancelAfter;
        private int reports;
        int worked;

        CountingMonitor(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void begin(String task, int totalWork) {
        }

        @Override
        public void worked(int work) {
            worked += work;
            reports++;
        }

        @Override
        public boolean isCanceled() {
            return reports >= cancelAfter;
        }
    }
}
