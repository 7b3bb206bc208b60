package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.GradientResult;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.Objective;
import org.junit.jupiter.api.Test;

/**
 * An objective on a concatenation whose weights reach one part only runs as that part's objective
 * (SameDiffNetwork.narrowed): the gradient and the objective are those of the part, and no pass to
 * the concatenation is made; weights over two parts take the concatenation's pass, and their
 * gradient is the sum of the parts'.
 */
class NarrowedObjectiveTest {

    private static final int SIDE = 10;

    @Test
    void aChannelObjectiveOnOneBranchOfAConcatenationRunsThatBranchOnly() {
        try (Network net = Engine.open(new NetworkSpec("branches", layers()))) {
            SameDiffNetwork sd = (SameDiffNetwork) net;
            Tensor x = image();
            for (boolean before : new boolean[] { false, true }) {
                // channel 1 of "mixed" is channel 1 of "a", channel 3 is channel 0 of "b_pool"
                GradientResult onMixed = gradient(net, "mixed", 4, 1, 1, before);
                GradientResult onA = gradient(net, "a", 3, 1, 1, before);
                // the same values from another graph (of "a"'s ancestors only): equal to rounding
                close(onA.gradient("image").data(), onMixed.gradient("image").data(), "before activation: " + before);
                close(onA.objectivePerItem(), onMixed.objectivePerItem(), "objective");
                GradientResult onPool = gradient(net, "b_pool", 1, 0, 1, before);
                GradientResult fourth = gradient(net, "mixed", 4, 3, 1, before);
                close(onPool.gradient("image").data(), fourth.gradient("image").data(), "b_pool");
            }
            // weights over both parts: the concatenation's own pass, and the sum of the parts' gradients
            float[] w = new float[2 * 4];
            w[1] = 1;
            w[3] = 1;
            w[4 + 1] = 1;
            w[4 + 3] = 1;
            Objective both = new Objective("mixed", new Tensor(w, new int[] { 2, 1, 1, 4 }));
            Set<String> narrowed = new HashSet<>(sd.memory().keySet());
            float[] g = net.gradients(List.of(x), both, List.of("image")).gradient("image").data();
            Set<String> made = new HashSet<>(sd.memory().keySet());
            made.removeAll(narrowed);
            // passes are kept by the variable they differentiate: the concatenation's is new
            assertFalse(made.isEmpty(), "a pass to the concatenation, none before it: " + narrowed);
            float[] a = gradient(net, "mixed", 4, 1, 1, false).gradient("image").data();
            float[] b = gradient(net, "mixed", 4, 3, 1, false).gradient("image").data();
            assertEquals(a.length, g.length);
            float[] sum = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                sum[i] = a[i] + b[i];
            }
            close(sum, g, "both parts");
        }
    }

    /** Equal within 1e-5 of the largest expected value (the engine's rounding from graph to graph). */
    private static void close(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double largest = 0;
        for (float e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * largest, what + ", value " + i);
        }
    }

    /** The gradient of the mean of {@code channel} of {@code layer} (of {@code channels}) for both items. */
    private static GradientResult gradient(Network net, String layer, int channels, int channel, float weight,
            boolean beforeActivation) {
        float[] w = new float[2 * channels];
        w[channel] = weight;
        w[channels + channel] = weight;
        Objective o = new Objective(layer, new Tensor(w, new int[] { 2, 1, 1, channels }), beforeActivation);
        return net.gradients(List.of(image()), o, List.of("image"));
    }

    private static Tensor image() {
        SplittableRandom r = new SplittableRandom(2);
        float[] d = new float[2 * SIDE * SIDE * 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextDouble(-1, 1);
        }
        return new Tensor(d, new int[] { 2, SIDE, SIDE, 2 });
    }

    /** image → a (3×3, 3 channels, ReLU) and b (1×1, 1 channel, ReLU) → 3×3 max pool; concatenated. */
    private static List<LayerSpec> layers() {
        SplittableRandom r = new SplittableRandom(9);
        float[] ka = new float[3 * 3 * 2 * 3];
        float[] kb = new float[2];
        for (float[] k : List.of(ka, kb)) {
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) r.nextDouble(-1, 1);
            }
        }
        Tensor kernelA = new Tensor(ka, new int[] { 3, 3, 2, 3 });
        Tensor biasA = new Tensor(new float[] { 0.1f, -0.1f, 0.05f }, new int[] { 3 });
        Tensor kernelB = new Tensor(kb, new int[] { 1, 1, 2, 1 });
        Tensor biasB = new Tensor(new float[] { 0.1f }, new int[] { 1 });
        return List.of(
                new LayerSpec("image", "InputLayer", Map.of("batch_shape", Arrays.asList(null, SIDE, SIDE, 2)),
                        List.of(), null),
                new LayerSpec("a", "Conv2D",
                        Map.of("filters", 3, "kernel_size", List.of(3, 3), "padding", "same", "activation", "relu"),
                        List.of("image"), () -> List.of(kernelA, biasA)),
                new LayerSpec("b", "Conv2D", Map.of("filters", 1, "kernel_size", List.of(1, 1), "activation", "relu"),
                        List.of("image"), () -> List.of(kernelB, biasB)),
                new LayerSpec("b_pool", "MaxPooling2D",
                        Map.of("pool_size", List.of(3, 3), "strides", List.of(1, 1), "padding", "same"), List.of("b"),
                        null),
                new LayerSpec("mixed", "Concatenate", Map.of("axis", -1), List.of("a", "b_pool"), null));
    }
}
