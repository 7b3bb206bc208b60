package org.convscope.engine.visualize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.testing.WatchedNetwork;
import org.convscope.engine.visualize.FilterPatternOptions.ObjectiveKind;
import org.junit.jupiter.api.Test;

/**
 * The {@code lucid} preset end to end on a small RGB network (a 3×3 ReLU convolution with four
 * filters, the last zero everywhere, the third firing on grey, then a pooled dense head): it climbs, it is reproducible and
 * independent of its batch, dead means dead, and the other objectives do what they say.
 */
class LucidPatternsTest {

    private static final FilterPatternOptions QUICK = FilterPatternOptions.lucid().withSize(24).withSteps(12);

    private static Network network() {
        float[] k = new float[3 * 3 * 3 * 4];
        for (int i = 0; i < k.length; i++) {
            int f = i % 4;
            // filters 0–2 answer one colour each, with a centre-surround; filter 3 has no weights
            int ch = i / 4 % 3;
            int pos = i / 12;
            k[i] = f == 3 ? 0 : (ch == f ? 1 : -0.5f) * (pos == 4 ? 1 : -0.125f);
        }
        Tensor kernel = new Tensor(k, new int[] { 3, 3, 3, 4 });
        Tensor bias = new Tensor(new float[] { -0.1f, -0.1f, 0.1f, -1f }, new int[] { 4 });
        Tensor dense = new Tensor(new float[] { 1, -1, 0.5f, 0, -1, 1, 0.5f, 0 }, new int[] { 4, 2 });
        Tensor denseBias = new Tensor(new float[2], new int[] { 2 });
        List<LayerSpec> layers = List.of(
                new LayerSpec("image", "InputLayer", Map.of("batch_shape", Arrays.asList(null, null, null, 3)),
                        List.of(), null),
                new LayerSpec("conv", "Conv2D", Map.of("filters", 4, "kernel_size", List.of(3, 3), "activation",
                        "relu", "padding", "same"), List.of("image"), () -> List.of(kernel, bias)),
                new LayerSpec("pool", "GlobalAveragePooling2D", Map.of(), List.of("conv"), null),
                new LayerSpec("logits", "Dense", Map.of("units", 2), List.of("pool"),
                        () -> List.of(dense, denseBias)));
        return Engine.open(new NetworkSpec("tiny", layers));
    }

    private static float mean(float[] out, int channel, int channels) {
        double s = 0;
        for (int i = channel; i < out.length; i += channels) {
            s += out[i];
        }
        return (float) (s / (out.length / channels));
    }

    @Test
    void itClimbsIsReproducibleAndDoesNotDependOnItsBatch() {
        try (Network net = network()) {
            FilterPatterns patterns = new FilterPatterns(net, 3, Preprocessing.TF);
            List<FilterPattern> all = patterns.compute("conv", new int[] { 0, 1, 2, 3 }, QUICK, ProgressMonitor.NULL,
                    null);
            for (int f = 0; f < 3; f++) {
                FilterPattern p = all.get(f);
                assertFalse(p.dead(), "filter " + f);
                float[] l = p.losses();
                assertTrue(l[l.length - 1] > l[0], "filter " + f + " climbs: " + Arrays.toString(l));
                float[] out = net.forward(p.image(), List.of("conv")).output("conv").data();
                assertTrue(mean(out, f, 4) > 0, "filter " + f + " fires on its pattern");
                // the tile is the pattern's own pixels: the preprocessing undone gives them back
                int rgb = p.tile().argb()[0];
                float red = p.image().data()[0];
                assertEquals((red + 1) * 127.5f, rgb >> 16 & 0xFF, 1f);
            }
            assertTrue(all.get(3).dead(), "filter 3 has no weights and a negative bias");
            // filter 1 alone, in a new instance (no cache), is the same picture
            FilterPatterns again = new FilterPatterns(net, 3, Preprocessing.TF);
            FilterPattern alone = again.compute("conv", new int[] { 1 }, QUICK, ProgressMonitor.NULL, null).get(0);
            assertArrayEquals(all.get(1).image().data(), alone.image().data());
            FilterPattern reseeded = again.compute("conv", new int[] { 1 }, QUICK.withSeed(9), ProgressMonitor.NULL,
                    null).get(0);
            assertFalse(Arrays.equals(alone.image().data(), reseeded.image().data()));
        }
    }

    /**
     * A channel whose objective was above 0 at some step fired on that step's image, so it is
     * alive: only a batch with a channel that never did needs the forward pass of the finished
     * patterns (and then the random probes) to tell whether it is dead.
     */
    @Test
    void channelsThatFiredNeedNoForwardPassToBeCalledAlive() {
        try (Network net = network()) {
            int[] forwards = new int[1];
            Network counting = WatchedNetwork.of(net, (method, args) -> {
                if (method.equals("forward")) {
                    forwards[0]++;
                }
            });
            FilterPatterns patterns = new FilterPatterns(counting, 3, Preprocessing.TF);
            // filter 2 fires on grey (bias 0.1): its objective is above 0 from the start
            FilterPattern live = patterns.compute("conv", new int[] { 2 }, QUICK, ProgressMonitor.NULL, null).get(0);
            assertFalse(live.dead());
            assertEquals(0, forwards[0], "no forward pass when every channel fired during the ascent");
            FilterPattern none = patterns.compute("conv", new int[] { 3 }, QUICK, ProgressMonitor.NULL, null).get(0);
            assertTrue(none.dead(), "filter 3 has no weights and a negative bias");
            assertTrue(forwards[0] > 0, "a channel that never fired is looked at on the patterns and probes");
        }
    }

    @Test
    void aDiversityPenaltyGivesEachFilterSeveralDifferentPatterns() {
        try (Network net = network()) {
            FilterPatterns patterns = new FilterPatterns(net, 3, Preprocessing.TF);
            FilterPatternOptions o = QUICK.withDiversity(100f);
            List<FilterPattern> p = patterns.compute("conv", new int[] { 0, 2 }, o, ProgressMonitor.NULL, null);
            assertEquals(2 * FilterPatternOptions.COPIES, p.size());
            List<Integer> filters = new ArrayList<>();
            p.forEach(x -> filters.add(x.filter()));
            assertEquals(List.of(0, 0, 0, 0, 2, 2, 2, 2), filters);
            assertFalse(Arrays.equals(p.get(0).image().data(), p.get(1).image().data()));
            assertThrows(AnalysisException.class, () -> patterns.compute("conv", new int[] { 0 },
                    FilterPatternOptions.notebook().withSize(24).withDiversity(1f), ProgressMonitor.NULL, null));
        }
    }

    @Test
    void theNeuronClassAndDirectionObjectivesClimbWhatTheySay() {
        try (Network net = network()) {
            FilterPatterns patterns = new FilterPatterns(net, 3, Preprocessing.TF);
            FilterPattern neuron = patterns.compute("conv", new int[] { 0 },
                    QUICK.withSteps(30).withObjective(ObjectiveKind.NEURON), ProgressMonitor.NULL, null).get(0);
            // the losses are on randomly shifted images; the centre of the finished pattern itself fires
            float[] l = neuron.losses();
            float[] map = net.forward(neuron.image(), List.of("conv")).output("conv").data();
            float centre = map[(12 * 24 + 12) * 4];
            assertTrue(centre > 0 && centre > (l[0] + l[1] + l[2]) / 3, centre + " vs " + Arrays.toString(l));
            FilterPattern cls = patterns.compute("logits", new int[] { 1 }, QUICK.withObjective(ObjectiveKind.CLASS),
                    ProgressMonitor.NULL, null).get(0);
            float[] logits = net.forward(cls.image(), List.of("logits")).output("logits").data();
            assertTrue(logits[1] > logits[0], Arrays.toString(logits));
            // the direction "filter 1 minus filter 0" makes filter 1 beat filter 0
            float[][] dirs = { { -1, 1, 0, 0 } };
            FilterPattern dir = patterns.compute("conv", new int[] { 0 },
                    QUICK.withSteps(60).withObjective(ObjectiveKind.DIRECTION),
                    dirs, ProgressMonitor.NULL, null).get(0);
            float[] out = net.forward(dir.image(), List.of("conv")).output("conv").data();
            assertTrue(mean(out, 1, 4) > mean(out, 0, 4), "direction climbed");
            assertNotEquals(0, dir.losses().length);
            AnalysisException wrong = assertThrows(AnalysisException.class,
                    () -> patterns.compute("conv", new int[] { 0 }, QUICK.withObjective(ObjectiveKind.DIRECTION),
                            new float[][] { { 1, 2 } }, ProgressMonitor.NULL, null));
            assertTrue(wrong.getMessage().contains("2 values"), wrong.getMessage());
            assertThrows(AnalysisException.class, () -> patterns.compute("conv", new int[] { 0 },
                    QUICK.withObjective(ObjectiveKind.CLASS), ProgressMonitor.NULL, null));
        }
    }
}
