package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.GradientResult;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.Objective;
import org.convscope.engine.WeightSource;
import org.convscope.engine.ops.OpRegistry;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * A request builds the graph of, and reads the weights of, only the layers its outputs depend on;
 * a later request adds only what is missing; and what comes out equals what the whole graph, built
 * at once, computes.
 */
class LazyBuildTest {

    private static final Path MODELS = EngineFixtures.dir().resolve("../../org.convscope.core.tests/fixtures/models")
            .normalize();

    /** How many times each layer's weights were read, by the test's own count. */
    private final Map<String, Integer> reads = new HashMap<>();

    @Test
    void theFirstLayerReadsOnlyItsWeightsAndADeeperOneAddsOnlyTheLayersBetween() {
        Tensor x = image(1, 7);
        try (SameDiffNetwork net = new SameDiffNetwork(vggLike(), OpRegistry.defaults())) {
            ForwardResult first = net.forward(x, List.of("block1_conv1"));
            assertEquals(List.of("input_1", "block1_conv1"), net.statistics().built());
            assertEquals(List.of("block1_conv1"), net.statistics().loaded());
            assertEquals(Map.of("block1_conv1", 1), reads);
            assertEquals(Set.of("block1_conv1"), first.outputs().keySet());

            net.forward(x, List.of("block2_conv1"));
            assertEquals(List.of("input_1", "block1_conv1", "block1_conv2", "block1_pool", "block2_conv1"),
                    net.statistics().built());
            assertEquals(List.of("block1_conv1", "block1_conv2", "block2_conv1"), net.statistics().loaded());

            // a request within what was built, for a new input: nothing built, nothing read
            Tensor y = image(2, 8);
            net.forward(y, List.of("block1_pool", "block1_conv2"));
            assertEquals(5, net.statistics().built().size());
            assertEquals(3, net.statistics().loaded().size());
            assertEquals(Map.of("block1_conv1", 1, "block1_conv2", 1, "block2_conv1", 1), reads);

            // the rest, then everything equal to a network that builds its whole graph at once
            ForwardResult grown = net.forward(y, List.of());
            assertEquals(net.layerNames().size(), net.statistics().built().size(), "each layer built once");
            assertEquals(List.of("block1_conv1", "block1_conv2", "block2_conv1", "fc", "predictions"),
                    net.statistics().loaded());
            try (SameDiffNetwork whole = new SameDiffNetwork(vggLike(), OpRegistry.defaults())) {
                assertSameOutputs(whole.forward(y, List.of()), grown, net.layerNames());
            }
        }
    }

    @Test
    void shapesOfALayerBuildOnlyItsAncestorsAndCheckBuildsTheRest() {
        try (SameDiffNetwork net = new SameDiffNetwork(vggLike(), OpRegistry.defaults())) {
            Map<String, int[]> shapes = net.outputShapes(List.of(new int[] { 1, 16, 16, 3 }), "block1_pool");
            assertEquals(List.of("input_1", "block1_conv1", "block1_conv2", "block1_pool"),
                    new ArrayList<>(shapes.keySet()));
            assertArrayEquals(new int[] { 1, 8, 8, 4 }, shapes.get("block1_pool"));
            assertEquals(List.of("block1_conv1", "block1_conv2"), net.statistics().loaded());

            assertTrue(net.check(List.of(new int[] { 1, 16, 16, 3 })).isEmpty());
            assertEquals(net.layerNames().size(), net.statistics().built().size());
            assertEquals(net.layerNames(),
                    new ArrayList<>(net.outputShapes(List.of(new int[] { 1, 16, 16, 3 })).keySet()),
                    "shapes in execution order, though built in two requests");
        }
    }

    @Test
    void gradientsReadOnlyTheLayersTheirObjectiveDependsOn() {
        Tensor x = image(2, 9);
        try (SameDiffNetwork net = new SameDiffNetwork(vggLike(), OpRegistry.defaults())) {
            // filter patterns: the lean input-gradient chain
            net.gradients(List.of(x), Objective.channelMeans("block1_conv2", 16, 16, 4, 2, 1), List.of("input_1"));
            assertEquals(Set.of("block1_conv1", "block1_conv2"), Set.copyOf(net.statistics().loaded()));
            // Grad-CAM: the class score differentiated at a conv layer
            GradientResult g = net.gradients(List.of(x), Objective.unit("fc", 5, 3, 1), List.of("block2_conv1"));
            assertEquals(Set.of("block1_conv1", "block1_conv2", "block2_conv1", "fc"),
                    Set.copyOf(net.statistics().loaded()));
            assertTrue(Set.copyOf(net.statistics().loaded()).size() == net.statistics().loaded().size(),
                    "each layer read once: " + net.statistics().loaded());
            assertEquals(List.of(2, 8, 8, 6), Arrays.stream(g.gradient("block2_conv1").shape()).boxed().toList());
        }
    }

    @Test
    void aNestedModelsLayerBuildsOnlyWhatItDependsOn() throws IOException {
        Path dir = EngineFixtures.dir().resolve("nested_names");
        Tensor x = NpyFloats.read(dir.resolve("x0.npy"));
        try (ModelGraph model = KerasModels.open(dir.resolve("model.keras"));
                SameDiffNetwork net = (SameDiffNetwork) Engine.open(model)) {
            net.forward(x, List.of("base/stem"));
            assertEquals(List.of("image", "base/stem/stem_conv", "base/stem/stem_relu"), net.statistics().built());
            assertEquals(List.of("base/stem/stem_conv"), net.statistics().loaded());

            ForwardResult grown = net.forward(x, List.of("predictions", "heads/max", "base"));
            assertTrue(net.statistics().built().containsAll(List.of("base/block_conv", "heads/avg", "predictions")));
            assertEquals(net.statistics().loaded().size(), Set.copyOf(net.statistics().loaded()).size(),
                    "each layer read once: " + net.statistics().loaded());
            try (Network whole = Engine.open(model)) {
                ForwardResult all = whole.forward(x, List.of());
                assertSameOutputs(all, net.forward(x, net.layerNames()), net.layerNames());
                assertArrayEquals(all.output("predictions").data(), grown.output("predictions").data());
            }
        }
    }

    @Test
    void aSharedLayersWeightsAreReadOnceForAllItsCalls() throws IOException {
        Path refs = EngineFixtures.dir().resolve("models/shared_layer");
        Tensor x = NpyFloats.read(refs.resolve("x0.npy"));
        try (ModelGraph model = KerasModels.open(MODELS.resolve("shared_layer.keras"));
                SameDiffNetwork net = (SameDiffNetwork) Engine.open(model)) {
            net.forward(x, List.of("gap_full"));
            assertEquals(List.of("image", "shared_conv", "gap_full"), net.statistics().built());
            assertEquals(List.of("shared_conv"), net.statistics().loaded());

            net.forward(x, List.of("gmp_half"));
            assertEquals(List.of("image", "shared_conv", "gap_full", "pool", "shared_conv#1", "gmp_half"),
                    net.statistics().built());
            assertEquals(List.of("shared_conv"), net.statistics().loaded(), "the second call reads nothing");

            ForwardResult grown = net.forward(x, List.of());
            try (Network whole = Engine.open(model)) {
                assertSameOutputs(whole.forward(x, List.of()), grown, net.layerNames());
            }
        }
    }

    /**
     * Resident memory, as the system counts it, stays put over networks opened and closed. The
     * weights are larger than glibc's largest mmap threshold (32 MB), so that freeing them gives the
     * pages back at once; the weight tensor is made once, so the Java heap does not grow either.
     */
    @Test
    void closingANetworkFreesItsNativeMemory() {
        int n = 3000;
        long weightBytes = 4L * n * n;
        float[] w = new float[n * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 17 - 8) / 1000f;
        }
        Tensor kernel = new Tensor(w, new int[] { n, n });
        Tensor head = new Tensor(Arrays.copyOf(w, n * 4), new int[] { n, 4 });
        NetworkSpec spec = new NetworkSpec("wide", List.of(
                new LayerSpec("x", "InputLayer", Map.of("batch_shape", Arrays.asList(null, n)), List.of(), null),
                new LayerSpec("wide", "Dense", Map.of("units", n, "activation", "relu", "use_bias", false),
                        List.of("x"), () -> List.of(kernel)),
                new LayerSpec("out", "Dense", Map.of("units", 4, "activation", "linear", "use_bias", false),
                        List.of("wide"), () -> List.of(head))));
        Tensor x = new Tensor(Arrays.copyOf(w, 2 * n), new int[] { 2, n });
        long[] open = new long[1];
        cycle(spec, x, () -> 0); // the first network loads the native library and its own buffers
        Runtime jvm = Runtime.getRuntime();
        settle();
        long base = Pointer.physicalBytes();
        long heapBase = jvm.totalMemory();
        for (int i = 0; i < 8; i++) {
            // what the network opened here adds, measured from just before it opened: native memory
            // of an earlier one that JavaCPP's deallocator thread frees only now would hide it (the
            // check failed so once, under load, with 17 of the 36 MB seen)
            settle();
            long before = Pointer.physicalBytes();
            cycle(spec, x, () -> open[0] = Math.max(open[0], Pointer.physicalBytes() - before));
        }
        settle();
        // Resident memory is the whole process's: a Java heap grown meanwhile (the collector's
        // choice, which depends on the machine's load) is not the networks' native memory.
        long heapGrowth = Math.max(0, jvm.totalMemory() - heapBase);
        long left = Pointer.physicalBytes() - base - heapGrowth;
        assertTrue(open[0] >= weightBytes, "an open network holds at least its weights: " + open[0]);
        // A copy of the weights left behind by each network would leave 8 of them; up to 3 copies'
        // worth is left to what else the process does meanwhile (JIT, thread stacks, allocator arenas).
        assertTrue(left < 3 * weightBytes, "resident bytes left after 8 networks closed: " + left
                + " (Java heap growth " + heapGrowth + " not counted), while one was open: " + open[0]);
    }

    /** Lets the collector find what nothing holds any more, and JavaCPP free it now, not later. */
    private static void settle() {
        System.gc();
        Pointer.deallocateReferences();
    }

    /** Opens a network, asks it for activations and gradients, measures, closes it. */
    private static void cycle(NetworkSpec spec, Tensor x, LongSupplier measure) {
        try (SameDiffNetwork net = new SameDiffNetwork(spec, OpRegistry.defaults())) {
            net.forward(x, List.of());
            net.gradients(List.of(x), Objective.unit("out", 4, 2, 1), List.of("x"));
            net.gradients(List.of(x), Objective.unit("out", 4, 0, 3), List.of("wide"));
            measure.getAsLong();
        }
    }

    private static void assertSameOutputs(ForwardResult expected, ForwardResult actual, List<String> layers) {
        assertTrue(expected.failures().isEmpty() && actual.failures().isEmpty(),
                () -> expected.failures() + " " + actual.failures());
        for (String l : layers) {
            assertArrayEquals(expected.output(l).shape(), actual.output(l).shape(), l);
            assertArrayEquals(expected.output(l).data(), actual.output(l).data(), l);
        }
    }

    /** Input, two conv blocks as VGG16 begins, then a classifier: 16×16×3 → 5 classes. */
    private NetworkSpec vggLike() {
        List<LayerSpec> layers = List.of(
                new LayerSpec("input_1", "InputLayer", Map.of("batch_shape", Arrays.asList(null, 16, 16, 3)),
                        List.of(), null),
                conv("block1_conv1", "input_1", 3, 4), conv("block1_conv2", "block1_conv1", 4, 4),
                new LayerSpec("block1_pool", "MaxPooling2D",
                        Map.of("pool_size", List.of(2, 2), "strides", List.of(2, 2), "padding", "valid"),
                        List.of("block1_conv2"), null),
                conv("block2_conv1", "block1_pool", 4, 6),
                new LayerSpec("flatten", "Flatten", Map.of(), List.of("block2_conv1"), null),
                dense("fc", "flatten", 8 * 8 * 6, 5, "relu"), dense("predictions", "fc", 5, 3, "softmax"));
        return new NetworkSpec("vgg_like", layers);
    }

    private LayerSpec conv(String name, String in, int channels, int filters) {
        Map<String, Object> config = Map.of("filters", filters, "kernel_size", List.of(3, 3), "strides",
                List.of(1, 1), "padding", "same", "activation", "relu", "use_bias", true);
        return new LayerSpec(name, "Conv2D", config, List.of(in),
                counted(name, new int[] { 3, 3, channels, filters }, new int[] { filters }));
    }

    private LayerSpec dense(String name, String in, int inputs, int units, String activation) {
        Map<String, Object> config = Map.of("units", units, "activation", activation, "use_bias", true);
        return new LayerSpec(name, "Dense", config, List.of(in),
                counted(name, new int[] { inputs, units }, new int[] { units }));
    }

    /** Seeded weights whose every read the test counts. */
    private WeightSource counted(String layer, int[]... shapes) {
        return () -> {
            reads.merge(layer, 1, Integer::sum);
            Random r = new Random(layer.hashCode());
            List<Tensor> w = new ArrayList<>();
            for (int[] s : shapes) {
                float[] v = new float[Arrays.stream(s).reduce(1, (a, b) -> a * b)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) r.nextGaussian() * 0.3f;
                }
                w.add(new Tensor(v, s));
            }
            return w;
        };
    }

    private static Tensor image(int batch, long seed) {
        Random r = new Random(seed);
        float[] v = new float[batch * 16 * 16 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return new Tensor(v, new int[] { batch, 16, 16, 3 });
    }
}
