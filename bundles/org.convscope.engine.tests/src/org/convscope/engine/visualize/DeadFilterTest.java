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
            FilterPatterns patterns = new FilterPatterns(net, 1, Preprocessing.RESCALE);
            List<FilterPattern> p = patterns.compute("conv", new int[] { 0, 1, 2 }, OPTIONS, ProgressMonitor.NULL,
                    null);
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
}
