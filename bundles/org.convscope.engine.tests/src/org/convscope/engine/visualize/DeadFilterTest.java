package org.convscope.engine.visualize;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.Objective;
import org.convscope.engine.testing.WatchedNetwork;
import org.convscope.engine.visualize.FilterPatternOptions.StartImage;
import org.junit.jupiter.api.Test;

/**
 * "Dead" means dead (issue 14, item 4). A 1×1 ReLU convolution with three filters on a grey image
 * scaled to [0, 1]: filter 0 is {@code relu(x − 0.9)}, zero all over the start image (0.4–0.6) but
 * live on brighter inputs; filter 1 is {@code relu(0·x − 1)}, zero everywhere with no gradient
 * before its ReLU either; filter 2 is {@code relu(x)}. Only filter 1 is dead; filter 0's ascent
 * starts, through the value before its ReLU, and ends up firing.
 */
class DeadFilterTest {

    private static final FilterPatternOptions OPTIONS = new FilterPatternOptions(12, 5, 1f, 7,
            StartImage.UNIFORM_MID, 0, 0, 0, 3);

    @Test
    void aFilterSilentOnTheStartImageButLiveElsewhereIsNotDeadAndClimbs() {
        Tensor kernel = new Tensor(new float[] { 1, 0, 1 }, new int[] { 1, 1, 1, 3 });
        Tensor bias = new Tensor(new float[] { -0.9f, -1, 0 }, new int[] { 3 });
        List<LayerSpec> layers = List.of(
                new LayerSpec("image", "InputLayer", Map.of("batch_shape", Arrays.asList(null, 12, 12, 1)), List.of(),
                        null),
                new LayerSpec("conv", "Conv2D",
                        Map.of("filters", 3, "kernel_size", List.of(1, 1), "activation", "relu"),
                        List.of("image"), () -> List.of(kernel, bias)));
        try (Network net = Engine.open(new NetworkSpec("dead", layers))) {
            int[] beforeActivation = { 0 };
            Network counting = WatchedNetwork.of(net, (method, args) -> {
                if (method.equals("gradients") && ((Objective) args[1]).beforeActivation()) {
                    beforeActivation[0]++;
                }
            });
            FilterPatterns patterns = new FilterPatterns(counting, 1, Preprocessing.RESCALE);
            List<FilterPattern> p = patterns.compute("conv", new int[] { 0, 1, 2 }, OPTIONS, ProgressMonitor.NULL,
                    null);
            // the second pass runs only while filter 0 is silent, not on every step
            assertTrue(beforeActivation[0] >= 1 && beforeActivation[0] < OPTIONS.steps(),
                    "passes before the ReLU: " + beforeActivation[0]);
            FilterPattern silent = p.get(0);
            assertFalse(silent.dead(), "filter 0 fires on bright inputs");
            Tensor start = patterns.startImages(new int[] { 0 }, OPTIONS);
            assertFalse(Arrays.equals(start.data(), silent.image().data()), "filter 0's ascent never moved");
            // the value before the ReLU rose from about −0.4 at the start
            float[] losses = silent.losses();
            assertTrue(losses[0] < 0 && losses[losses.length - 1] > losses[0], Arrays.toString(losses));
            float[] out = net.forward(silent.image(), List.of("conv")).output("conv").data();
            double firing = 0;
            for (int i = 0; i < out.length; i += 3) {
                firing += out[i];
            }
            assertTrue(firing > 0, "filter 0 fires on its pattern");
            assertTrue(p.get(1).dead(), "filter 1 is zero everywhere and has no gradient");
            assertFalse(p.get(2).dead());
            assertTrue(p.get(2).finalLoss() > 0);
        }
    }

    /**
     * The same three filters as two ReLU branches joined by a concatenation, as Inception's mixed
     * blocks are: channels 0 and 1 from one branch, 2 from the other. The concatenation has no
     * activation of its own, but each of its channels ends in its branch's ReLU, and channel 0
     * must climb through the value going into it just the same, with the notebook's ascent and
     * with Lucid's.
     */
    @Test
    void aConcatenationOfReluBranchesClimbsBeforeItsBranchesActivations() {
        Tensor kernelA = new Tensor(new float[] { 1, 0 }, new int[] { 1, 1, 1, 2 });
        Tensor biasA = new Tensor(new float[] { -0.9f, -1 }, new int[] { 2 });
        Tensor kernelB = new Tensor(new float[] { 1 }, new int[] { 1, 1, 1, 1 });
        Tensor biasB = new Tensor(new float[] { 0 }, new int[] { 1 });
        List<LayerSpec> layers = List.of(
                new LayerSpec("image", "InputLayer", Map.of("batch_shape", Arrays.asList(null, 12, 12, 1)), List.of(),
                        null),
                new LayerSpec("a", "Conv2D", Map.of("filters", 2, "kernel_size", List.of(1, 1)), List.of("image"),
                        () -> List.of(kernelA, biasA)),
                new LayerSpec("a_relu", "Activation", Map.of("activation", "relu"), List.of("a"), null),
                new LayerSpec("b", "Conv2D", Map.of("filters", 1, "kernel_size", List.of(1, 1), "activation", "relu"),
                        List.of("image"), () -> List.of(kernelB, biasB)),
                new LayerSpec("mixed", "Concatenate", Map.of("axis", -1), List.of("a_relu", "b"), null));
        FilterPatternOptions lucid = FilterPatternOptions.lucid().withSize(12).withSteps(80).withSeed(7);
        try (Network net = Engine.open(new NetworkSpec("dead_concat", layers))) {
            FilterPatterns patterns = new FilterPatterns(net, 1, Preprocessing.RESCALE);
            for (FilterPatternOptions o : List.of(OPTIONS, lucid)) {
                String preset = o == OPTIONS ? "notebook ascent" : "lucid";
                List<FilterPattern> p = patterns.compute("mixed", new int[] { 0, 1, 2 }, o, ProgressMonitor.NULL,
                        null);
                FilterPattern silent = p.get(0);
                assertFalse(silent.dead(), preset + ": channel 0 fires on bright inputs");
                float[] losses = silent.losses();
                assertTrue(losses[0] < 0 && losses[losses.length - 1] > losses[0],
                        preset + ": channel 0 climbs from below 0 " + Arrays.toString(losses));
                float[] out = net.forward(silent.image(), List.of("mixed")).output("mixed").data();
                double firing = 0;
                for (int i = 0; i < out.length; i += 3) {
                    firing += out[i];
                }
                assertTrue(firing > 0, preset + ": channel 0 fires on its pattern " + Arrays.toString(silent.losses()));
                assertTrue(p.get(1).dead(), preset + ": channel 1 is zero everywhere and has no gradient");
                assertFalse(p.get(2).dead(), preset);
            }
        }
    }
}
