package org.convscope.engine.visualize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.testing.Compare;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Grad-CAM, Grad-CAM++ and gradient ascent against TensorFlow implementations of the same formulas
 * (fixtures/make_visualize_fixtures.py): on the bundled MNIST convnet with a sample digit, and
 * through a Sequential nested in a functional model.
 */
class VisualizeFidelityTest {

    private static final int[] ASCENT_FILTERS = { 3, 4, 6, 8 };
    private static final double BOUND = 1e-3;

    private static ModelGraph mnistGraph;
    private static Network mnist;
    private static ModelGraph nestedGraph;
    private static Network nested;

    @BeforeAll
    static void open() throws IOException {
        Path bundles = EngineFixtures.dir().resolve("../..").normalize();
        mnistGraph = KerasModels.open(bundles.resolve("org.convscope.samples/models/mnist_convnet.keras"));
        mnist = Engine.open(mnistGraph);
        nestedGraph = KerasModels
                .open(bundles.resolve("org.convscope.core.tests/fixtures/models/nested_sequential.keras"));
        nested = Engine.open(nestedGraph);
    }

    @AfterAll
    static void close() {
        mnist.close();
        mnistGraph.close();
        nested.close();
        nestedGraph.close();
    }

    @TestFactory
    List<DynamicTest> gradCamMatchesTensorFlow() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String layer : List.of("conv2d_2", "conv2d_3")) {
            for (String tag : List.of("top", "c5")) {
                for (CamMethod m : CamMethod.values()) {
                    String name = "mnist_" + prefix(m) + "_" + layer + "_" + tag;
                    tests.add(DynamicTest.dynamicTest(name, () -> checkCam(mnist, "mnist_x", layer, "dense_2",
                            tag.equals("top") ? -1 : 5, m, name)));
                }
            }
        }
        for (CamMethod m : CamMethod.values()) {
            String name = "nested_" + prefix(m) + "_base_relu_c1";
            tests.add(DynamicTest.dynamicTest(name,
                    () -> checkCam(nested, "nested_x", "feature_extractor/base_relu", "head", 1, m, name)));
        }
        return tests;
    }

    @Test
    void notebookAscentMatchesTensorFlow() throws IOException {
        checkAscent("notebook", new FilterPatternOptions(28, 3, 1f, 0, FilterPatternOptions.StartImage.NOISE_128, 0, 0,
                0, 4));
    }

    @Test
    void laterEditionAscentWithBorderMatchesTensorFlow() throws IOException {
        checkAscent("v2", new FilterPatternOptions(28, 3, 10f, 0, FilterPatternOptions.StartImage.UNIFORM_MID, 2, 0,
                0, 4));
    }

    private static void checkAscent(String tag, FilterPatternOptions options) throws IOException {
        Tensor start = ref("ascent_" + tag + "_start");
        FilterPatterns patterns = new FilterPatterns(mnist, 1, Preprocessing.RESCALE);
        FilterPatterns.Ascent a = patterns.ascend("conv2d_2", start, ASCENT_FILTERS, options, ProgressMonitor.NULL);
        Tensor expected = ref("ascent_" + tag + "_final");
        double diff = Compare.maxAbsDiff(a.images(), expected);
        System.out.printf("visualize ascent %-8s max|Δ| per pixel %.3g%n", tag, diff);
        assertTrue(diff <= BOUND, tag + ": max|Δ| " + diff);
        Tensor losses = ref("ascent_" + tag + "_losses");
        float[] flat = new float[a.losses().length * ASCENT_FILTERS.length];
        for (int s = 0; s < a.losses().length; s++) {
            System.arraycopy(a.losses()[s], 0, flat, s * ASCENT_FILTERS.length, ASCENT_FILTERS.length);
        }
        double lossDiff = Compare.maxAbsDiff(new Tensor(flat, losses.shape()), losses);
        assertTrue(lossDiff <= Compare.bound(losses), tag + " losses: max|Δ| " + lossDiff);
    }

    private static void checkCam(Network net, String input, String layer, String scoreLayer, int cls, CamMethod m,
            String ref) throws IOException {
        GradCamResult r = new GradCam(net).compute(ref(input), layer, scoreLayer, cls, m, null);
        Tensor expected = ref(ref);
        Tensor actual = r.normalizedTensor();
        assertArrayEquals(expected.shape(), actual.shape(), "map shape");
        double diff = Compare.maxAbsDiff(actual, expected);
        System.out.printf("visualize %-36s class %d max|Δ| %.3g%n", ref, r.classIndex(), diff);
        assertTrue(diff <= BOUND, ref + ": max|Δ| " + diff);
        if (cls < 0) {
            assertEquals(3, r.classIndex(), "the sample digit is a 3");
        }
    }

    private static String prefix(CamMethod m) {
        return m == CamMethod.GRADCAM ? "gradcam" : "gradcampp";
    }

    private static Tensor ref(String name) throws IOException {
        return NpyFloats.read(EngineFixtures.dir().resolve("visualize").resolve(name + ".npy"));
    }
}
