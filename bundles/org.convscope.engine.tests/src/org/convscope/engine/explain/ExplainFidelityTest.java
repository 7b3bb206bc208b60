package org.convscope.engine.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.GradientResult;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.ModelGraphs;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.Objective;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every attribution method against a TensorFlow implementation of the same definition
 * (fixtures/make_explain_fixtures.py): on the bundled MNIST convnet with a sample digit, and
 * through a Sequential with batch normalisation nested in a functional model. Maps are compared
 * normalised, within 1e-3 (5e-3 for the integral methods, Integrated Gradients and SmoothGrad).
 */
class ExplainFidelityTest {

    private static final double BOUND = 1e-3;
    private static final double INTEGRAL_BOUND = 5e-3;
    private static final ExplainOptions OPTIONS = ExplainOptions.DEFAULTS.withSmoothGrad(0.15f, 8, 7,
            AttributionMethod.SALIENCY).withBatch(7);

    private static ModelGraph mnistGraph;
    private static NetworkSpec mnistSpec;
    private static Network mnist;
    private static ModelGraph nestedGraph;
    private static NetworkSpec nestedSpec;
    private static Network nested;

    @BeforeAll
    static void open() throws IOException {
        Path bundles = EngineFixtures.dir().resolve("../..").normalize();
        mnistGraph = KerasModels.open(bundles.resolve("org.convscope.samples/models/mnist_convnet.keras"));
        mnistSpec = ModelGraphs.toSpec(mnistGraph);
        mnist = Engine.open(mnistSpec);
        nestedGraph = KerasModels
                .open(bundles.resolve("org.convscope.core.tests/fixtures/models/nested_sequential.keras"));
        nestedSpec = ModelGraphs.toSpec(nestedGraph);
        nested = Engine.open(nestedSpec);
    }

    @AfterAll
    static void close() {
        mnist.close();
        mnistGraph.close();
        nested.close();
        nestedGraph.close();
    }

    @TestFactory
    List<DynamicTest> mnistMethodsMatchTensorFlow() throws IOException {
        List<AttributionMethod> methods = new ArrayList<>(EnumSet.allOf(AttributionMethod.class));
        methods.remove(AttributionMethod.SMOOTHGRAD);
        ImageExplanation e = explain(mnist, "mnist_x", methods, List.of("conv2d_2"), "dense_2",
                OPTIONS.withOcclusion(8, 4));
        assertEquals(3, e.classIndex(), "the sample digit is a 3");
        List<DynamicTest> tests = new ArrayList<>();
        for (AttributionMethod m : methods) {
            String ref = "mnist_" + (m == AttributionMethod.OCCLUSION ? "occlusion-8-4" : m.id());
            tests.add(DynamicTest.dynamicTest(ref, () -> check(e.maps().get(m), ref)));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> smoothGradOverEachBaseMatchesTensorFlow() {
        List<DynamicTest> tests = new ArrayList<>();
        for (AttributionMethod base : List.of(AttributionMethod.SALIENCY, AttributionMethod.INPUTXGRAD,
                AttributionMethod.IG)) {
            String ref = "mnist_smoothgrad-" + base.id();
            tests.add(DynamicTest.dynamicTest(ref, () -> {
                ImageExplanation e = explain(mnist, "mnist_x", List.of(AttributionMethod.SMOOTHGRAD), List.of(),
                        "dense_2", OPTIONS.withSmoothGrad(0.15f, 8, 7, base));
                check(e.maps().get(AttributionMethod.SMOOTHGRAD), ref);
            }));
        }
        return tests;
    }

    @Test
    void twoLayersAreUpsampledAndAveraged() throws IOException {
        ImageExplanation e = explain(mnist, "mnist_x", List.of(AttributionMethod.GRADCAM, AttributionMethod.SCORECAM),
                List.of("conv2d_2", "conv2d_3"), "dense_2", OPTIONS);
        Attribution gradCam = e.maps().get(AttributionMethod.GRADCAM);
        assertEquals(28, gradCam.height(), "averaged maps are at the input's resolution");
        check(gradCam, "mnist_gradcam_2layers");
        check(e.maps().get(AttributionMethod.SCORECAM), "mnist_scorecam_2layers");
    }

    @TestFactory
    List<DynamicTest> nestedMethodsMatchTensorFlow() throws IOException {
        List<AttributionMethod> methods = List.of(AttributionMethod.GRADCAM, AttributionMethod.GRADCAM_PLUS_PLUS,
                AttributionMethod.HIRESCAM, AttributionMethod.LAYERCAM, AttributionMethod.XGRADCAM,
                AttributionMethod.EIGENCAM, AttributionMethod.SCORECAM, AttributionMethod.ABLATIONCAM,
                AttributionMethod.SALIENCY, AttributionMethod.INPUTXGRAD, AttributionMethod.IG,
                AttributionMethod.GUIDED_BACKPROP, AttributionMethod.GUIDED_GRADCAM, AttributionMethod.OCCLUSION);
        ImageExplanation e = explain(nested, "nested_x", methods, List.of("feature_extractor/base_relu"), "head",
                OPTIONS.withOcclusion(4, 2));
        List<DynamicTest> tests = new ArrayList<>();
        for (AttributionMethod m : methods) {
            String ref = "nested_" + (m == AttributionMethod.OCCLUSION ? "occlusion-4-2" : m.id());
            tests.add(DynamicTest.dynamicTest(ref, () -> check(e.maps().get(m), ref)));
        }
        return tests;
    }

    @Test
    void batchOfImagesGivesEachImageItsOwnMaps() throws IOException {
        Tensor one = ref("mnist_x");
        float[] two = new float[one.size() * 2];
        System.arraycopy(one.data(), 0, two, 0, one.size());
        for (int i = 0; i < one.size(); i++) {
            two[one.size() + i] = one.data()[one.size() - 1 - i];
        }
        List<AttributionMethod> methods = List.of(AttributionMethod.HIRESCAM, AttributionMethod.IG,
                AttributionMethod.ABLATIONCAM);
        Explanation both = new Explainer(mnist).explain(new ExplainRequest(new Tensor(two, new int[] { 2, 28, 28, 1 }),
                methods, List.of("conv2d_2"), "dense_2", -1, false, false, OPTIONS, null), ProgressMonitor.NULL);
        ImageExplanation first = both.images().get(0);
        assertEquals(3, first.classIndex());
        for (AttributionMethod m : methods) {
            check(first.maps().get(m), "mnist_" + m.id());
        }
    }

    @Test
    void forwardReplacingTheLayersOwnValueGivesTheModelsOutput() throws IOException {
        Tensor x = ref("mnist_x");
        Tensor a = mnist.forward(x, List.of("conv2d_2")).output("conv2d_2");
        float[] twice = new float[a.size() * 2];
        System.arraycopy(a.data(), 0, twice, 0, a.size());
        System.arraycopy(a.data(), 0, twice, a.size(), a.size());
        int[] shape = a.shape();
        shape[0] = 2;
        Tensor y = mnist.forwardReplacing(List.of(x), "conv2d_2", new Tensor(twice, shape), "dense_2");
        float[] expected = mnist.forward(x, List.of("dense_2")).output("dense_2").data();
        assertArrayEquals(new int[] { 2, 10 }, y.shape());
        for (int i = 0; i < 20; i++) {
            assertEquals(expected[i % 10], y.data()[i], 1e-5);
        }
    }

    @Test
    void sanityCheckRandomisesTheLastThreeWeightedLayers() throws IOException {
        Explanation e = new Explainer(mnist, mnistSpec).explain(new ExplainRequest(ref("mnist_x"),
                List.of(AttributionMethod.GRADCAM, AttributionMethod.SALIENCY), List.of("conv2d_2"), "dense_2", -1,
                true, true, OPTIONS, null), ProgressMonitor.NULL);
        ImageExplanation i = e.images().get(0);
        for (AttributionMethod m : List.of(AttributionMethod.GRADCAM, AttributionMethod.SALIENCY)) {
            SanityCheck s = i.sanity().get(m);
            assertEquals(List.of("dense_2", "dense_1", "conv2d_3"), s.randomized());
            float[] rho = s.correlations();
            assertEquals(3, rho.length);
            for (float r : rho) {
                assertTrue(r >= -1 && r <= 1, m + ": ρ " + r);
            }
            assertTrue(rho[2] < 0.99, m + " barely changed with three layers randomised: ρ " + rho[2]);
            TrustMetrics t = i.metrics().get(m);
            assertEquals(i.score(), t.score(), 1e-6);
            assertTrue(t.insertionAuc() >= 0 && t.deletionAuc() >= 0 && t.insertionAuc() <= 1, t.toString());
        }
    }

    /**
     * The sanity check randomises the weights in place in the open network; a network that cannot
     * opens a randomised copy of the model per depth instead. Both give the same correlations, on
     * a plain chain and through a nested model with batch normalisation.
     */
    @Test
    void sanityInPlaceEqualsSanityOnRandomisedCopies() throws IOException {
        for (boolean isNested : new boolean[] { false, true }) {
            Network net = isNested ? nested : mnist;
            NetworkSpec spec = isNested ? nestedSpec : mnistSpec;
            ExplainRequest r = new ExplainRequest(ref(isNested ? "nested_x" : "mnist_x"),
                    List.of(AttributionMethod.GRADCAM, AttributionMethod.GUIDED_BACKPROP),
                    List.of(isNested ? "feature_extractor/base_relu" : "conv2d_2"), isNested ? "head" : "dense_2", -1,
                    false, true, OPTIONS, null);
            ImageExplanation inPlace = new Explainer(net, spec).explain(r, ProgressMonitor.NULL).images().get(0);
            ImageExplanation onCopies = new Explainer(new NotInPlace(net), spec).explain(r, ProgressMonitor.NULL)
                    .images().get(0);
            for (AttributionMethod m : r.methods()) {
                SanityCheck a = inPlace.sanity().get(m);
                SanityCheck b = onCopies.sanity().get(m);
                assertEquals(b.randomized(), a.randomized());
                assertArrayEquals(b.correlations(), a.correlations(), 1e-5f, (isNested ? "nested " : "mnist ") + m);
                assertArrayEquals(onCopies.maps().get(m).values(), inPlace.maps().get(m).values(), 1e-6f,
                        m + ": the map after the weights came back");
            }
        }
    }

    /** A network that cannot replace weights in place. */
    private record NotInPlace(Network net) implements Network {

        @Override
        public <T> Optional<T> withWeights(Map<String, UnaryOperator<List<Tensor>>> replace, Supplier<T> work) {
            return Optional.empty();
        }

        @Override
        public String name() {
            return net.name();
        }

        @Override
        public List<String> layerNames() {
            return net.layerNames();
        }

        @Override
        public List<String> inputNames() {
            return net.inputNames();
        }

        @Override
        public Map<String, LayerFailure> check(List<int[]> inputShapes) {
            return net.check(inputShapes);
        }

        @Override
        public Map<String, int[]> outputShapes(List<int[]> inputShapes) {
            return net.outputShapes(inputShapes);
        }

        @Override
        public Map<String, int[]> outputShapes(List<int[]> inputShapes, String layer) {
            return net.outputShapes(inputShapes, layer);
        }

        @Override
        public ForwardResult forward(List<Tensor> inputs, Collection<String> layers) {
            return net.forward(inputs, layers);
        }

        @Override
        public ForwardResult forwardOnce(List<Tensor> inputs, Collection<String> layers) {
            return net.forwardOnce(inputs, layers);
        }

        @Override
        public GradientResult gradients(List<Tensor> inputs, Objective objective, Collection<String> wrt) {
            return net.gradients(inputs, objective, wrt);
        }

        @Override
        public Tensor forwardReplacing(List<Tensor> inputs, String layer, Tensor replacement, String output) {
            return net.forwardReplacing(inputs, layer, replacement, output);
        }

        @Override
        public void clearCache() {
            net.clearCache();
        }

        @Override
        public void releaseWorkMemory() {
            net.releaseWorkMemory();
        }

        @Override
        public void close() {
            // the wrapped network is the test's
        }
    }

    private static ImageExplanation explain(Network net, String input, List<AttributionMethod> methods,
            List<String> layers, String scoreLayer, ExplainOptions options) throws IOException {
        return new Explainer(net).explain(new ExplainRequest(ref(input), methods, layers, scoreLayer, -1, false, false,
                options, null), ProgressMonitor.NULL).images().get(0);
    }

    private static void check(Attribution actual, String ref) throws IOException {
        Tensor expected = ref(ref);
        assertArrayEquals(expected.shape(), new int[] { actual.height(), actual.width() }, ref + ": map shape");
        float[] e = Maps.normalize(expected.data());
        float[] a = actual.normalized();
        double diff = 0;
        for (int i = 0; i < e.length; i++) {
            diff = Math.max(diff, Math.abs(e[i] - a[i]));
        }
        AttributionMethod m = actual.method();
        double bound = m == AttributionMethod.IG || m == AttributionMethod.SMOOTHGRAD ? INTEGRAL_BOUND : BOUND;
        System.out.printf("explain %-28s max|Δ| of the normalised map %.3g%n", ref, diff);
        assertTrue(diff <= bound, ref + ": max|Δ| " + diff);
    }

    private static Tensor ref(String name) throws IOException {
        return NpyFloats.read(EngineFixtures.dir().resolve("explain").resolve(name + ".npy"));
    }
}
