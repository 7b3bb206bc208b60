package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.GradientResult;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.Objective;
import org.convscope.engine.ops.OpRegistry;
import org.convscope.engine.testing.ChainFixture;
import org.convscope.engine.testing.Compare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lean input-gradient path agrees with SameDiff's autodiff (itself checked against TensorFlow
 * in NetworkTest): a gradient with respect to the input only takes the chain, one with respect to
 * the input and a layer takes the general path, on the same network. The chain covers "same" and
 * "valid" padding, ReLU and linear, max pooling, the same buffers reused by calls of one batch
 * shape, and an objective on a few of the last layer's channels or on all of them.
 */
class InputGradientChainTest {

    private static final int SIZE = 12;
    private static NetworkSpec spec;
    private static Network net;
    private static Tensor x;

    @BeforeAll
    static void open() {
        SplittableRandom rng = new SplittableRandom(11);
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(new LayerSpec("image", "InputLayer", Map.of("batch_shape", Arrays.asList(null, SIZE, SIZE, 3)),
                List.of(), null));
        layers.add(conv("c1", "image", 3, 16, "same", "relu", rng));
        layers.add(new LayerSpec("p1", "MaxPooling2D", Map.of("pool_size", List.of(2, 2), "padding", "valid"),
                List.of("c1"), null));
        layers.add(conv("c2", "p1", 16, 16, "valid", "relu", rng));
        layers.add(conv("c3", "c2", 16, 20, "same", "linear", rng));
        spec = new NetworkSpec("chain", layers);
        net = new SameDiffNetwork(spec, OpRegistry.defaults());
        x = random(new int[] { 3, SIZE, SIZE, 3 }, rng);
    }

    @AfterAll
    static void close() {
        net.close();
    }

    @Test
    void theChainIsTakenForPlainConvolutionsAndPoolingOnly() throws IOException {
        try (WeightCache weights = new WeightCache()) {
            assertTrue(InputGradientChain.plan(spec, "c3", weights).isPresent());
            // batch normalization on the way: the general path
            assertTrue(InputGradientChain.plan(ChainFixture.spec(), "c2", weights).isEmpty());
        }
    }

    @Test
    void channelMeansOnAFewChannelsMatchAutodiff() {
        check(Objective.channelMeans("c3", 4, 4, 20, 7, 0, 19));
    }

    @Test
    void objectiveOverEveryChannelMatchesAutodiff() {
        float[] w = new float[4 * 4 * 20];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7 - 3) / 10f;
        }
        check(new Objective("c3", new Tensor(w, new int[] { 1, 4, 4, 20 })));
    }

    @Test
    void objectiveOnAnEarlierLayerMatchesAutodiff() {
        check(Objective.channelMeans("c2", 4, 4, 16, 2, 2, 15));
    }

    @Test
    void releasingTheWorkMemoryBetweenCallsChangesNothing() {
        Objective o = Objective.channelMeans("c3", 4, 4, 20, 1, 2, 3);
        Tensor before = net.gradients(List.of(x), o, List.of("image")).gradient("image");
        net.releaseWorkMemory();
        Tensor after = net.gradients(List.of(x), o, List.of("image")).gradient("image");
        assertArrayEquals(before.data(), after.data());
        // a smaller batch makes its own buffers
        Tensor first = new Tensor(Arrays.copyOf(x.data(), SIZE * SIZE * 3), new int[] { 1, SIZE, SIZE, 3 });
        Tensor one = net.gradients(List.of(first), Objective.channelMeans("c3", 4, 4, 20, 1), List.of("image"))
                .gradient("image");
        Tensor firstOfThree = new Tensor(Arrays.copyOf(before.data(), one.data().length), one.shape());
        assertTrue(Compare.maxAbsDiff(one, firstOfThree) <= 1e-5 * Compare.bound(firstOfThree) / 1e-3);
    }

    private static void check(Objective o) {
        GradientResult lean = net.gradients(List.of(x), o, List.of("image"));
        GradientResult general = net.gradients(List.of(x), o, List.of("image", "c1"));
        Tensor expected = general.gradient("image");
        assertArrayEquals(expected.shape(), lean.gradient("image").shape());
        double diff = Compare.maxAbsDiff(lean.gradient("image"), expected);
        double scale = Compare.bound(expected) / 1e-3;
        assertTrue(diff <= 1e-5 * scale, "max|Δ| " + diff + " of " + scale);
        float[] a = lean.objectivePerItem();
        float[] b = general.objectivePerItem();
        for (int i = 0; i < b.length; i++) {
            assertTrue(Math.abs(a[i] - b[i]) <= 1e-5 * Math.max(1, Math.abs(b[i])),
                    "item " + i + ": " + a[i] + " vs " + b[i]);
        }
    }

    private static LayerSpec conv(String name, String in, int cin, int cout, String padding, String activation,
            SplittableRandom rng) {
        Tensor kernel = random(new int[] { 3, 3, cin, cout }, rng);
        Tensor bias = random(new int[] { cout }, rng);
        return new LayerSpec(name, "Conv2D", Map.of("filters", cout, "kernel_size", List.of(3, 3), "padding", padding,
                "activation", activation), List.of(in), () -> List.of(kernel, bias));
    }

    private static Tensor random(int[] shape, SplittableRandom rng) {
        float[] d = new float[Arrays.stream(shape).reduce(1, (p, q) -> p * q)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rng.nextDouble() - 0.45);
        }
        return new Tensor(d, shape);
    }
}
