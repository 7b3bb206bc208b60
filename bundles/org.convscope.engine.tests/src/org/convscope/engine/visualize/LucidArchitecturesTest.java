package org.convscope.engine.visualize;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.testing.EngineFixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The lucid preset on every image layer of the core's trained fixture models (issue 16: "on every
 * architecture the engine runs"): plain convolutions and pooling, batch normalisation, depthwise
 * and separable convolutions with ReLU6, a squeeze-and-excitation block, residual adds, a
 * concatenation, strided convolutions, leaky ReLU and tanh, nested and shared layers. For the
 * first and the last channel of each layer, the pattern is a valid picture (every pixel finite,
 * in 0–255) and, unless the channel is dead, the ascent climbed: its objective rose above its
 * value at the start (a channel stuck at its start, constant with no gradient, does not).
 */
class LucidArchitecturesTest {

    private static final List<String> MODELS = List.of("sequential_convnet", "batchnorm_separable",
            "functional_branches", "nested_sequential", "shared_layer", "extra_layers");
    private static final int STEPS = 16;

    @TestFactory
    Stream<DynamicTest> lucidClimbsOnEveryImageLayerOfEveryFixtureModel() {
        return MODELS.stream().map(m -> DynamicTest.dynamicTest(m, () -> check(m)));
    }

    private static void check(String name) throws Exception {
        Path file = EngineFixtures.dir().resolve("../../org.convscope.core.tests/fixtures/models/" + name + ".keras")
                .normalize();
        try (ModelGraph graph = KerasModels.open(file); Network net = Engine.open(graph)) {
            TensorShape in = graph.imageInput().orElseThrow();
            int size = in.dim(1);
            int channels = in.dim(3);
            int[] inputShape = { 1, size, in.dim(2), channels };
            FilterPatterns patterns = new FilterPatterns(net, channels, Preprocessing.RESCALE);
            FilterPatternOptions options = FilterPatternOptions.lucid().withSize(size).withSteps(STEPS).withSeed(5);
            List<String> visited = new ArrayList<>();
            for (String layer : net.layerNames()) {
                int[] s = net.outputShapes(List.of(inputShape), layer).get(layer);
                if (s == null || s.length != 4 || net.inputNames().contains(layer)) {
                    continue;
                }
                visited.add(layer);
                int[] filters = s[3] > 1 ? new int[] { 0, s[3] - 1 } : new int[] { 0 };
                for (FilterPattern p : patterns.compute(layer, filters, options, ProgressMonitor.NULL, null)) {
                    String what = name + " " + layer + " channel " + p.filter();
                    float[] pixels = pixels(p, channels);
                    for (float v : pixels) {
                        assertTrue(Float.isFinite(v) && v >= 0 && v <= 255, what + ": pixel " + v);
                    }
                    if (!p.dead()) {
                        float[] l = p.losses();
                        assertTrue(max(l) > l[0], what + " did not climb: " + Arrays.toString(l));
                    }
                }
            }
            assertFalse(visited.isEmpty(), name + " has no image layer");
        }
    }

    /** @return the pattern in pixels: its model input undone (rescale: x · 255) */
    private static float[] pixels(FilterPattern p, int channels) {
        float[] x = p.image().data().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] *= 255;
        }
        return x;
    }

    private static float max(float[] l) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 1; i < l.length; i++) {
            m = Math.max(m, l[i]);
        }
        return m;
    }
}
