package org.convscope.engine.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.CancelledException;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.testing.EngineFixtures;
import org.convscope.engine.testing.NpyFloats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the Explainer says to requests that do not fit the model, and how it reports progress. */
class ExplainerRequestsTest {

    private static ModelGraph graph;
    private static Network mnist;
    private static Tensor digit;

    @BeforeAll
    static void open() throws IOException {
        Path bundles = EngineFixtures.dir().resolve("../..").normalize();
        graph = KerasModels.open(bundles.resolve("org.convscope.samples/models/mnist_convnet.keras"));
        mnist = Engine.open(graph);
        digit = NpyFloats.read(EngineFixtures.dir().resolve("explain/mnist_x.npy"));
    }

    @AfterAll
    static void close() {
        mnist.close();
        graph.close();
    }

    private static ExplainRequest request(List<AttributionMethod> methods, List<String> layers, String score,
            int cls) {
        return new ExplainRequest(digit, methods, layers, score, cls, false, false, null, null);
    }

    private static String failure(ExplainRequest r) {
        return assertThrows(AnalysisException.class, () -> new Explainer(mnist).explain(r, ProgressMonitor.NULL))
                .getMessage();
    }

    @Test
    void camMethodWithoutLayerIsRefused() {
        assertEquals("scorecam needs a layer (--layer) with a 4-D (N, H, W, C) output",
                failure(request(List.of(AttributionMethod.SCORECAM), List.of(), "dense_2", -1)));
    }

    @Test
    void layerWithoutSpatialOutputIsRefused() {
        assertEquals("dense_1 has output shape [1, 64]; CAM methods need a layer with a 4-D (N, H, W, C) output",
                failure(request(List.of(AttributionMethod.HIRESCAM), List.of("dense_1"), "dense_2", -1)));
    }

    @Test
    void scoreLayerMustHoldClassScores() {
        assertEquals("conv2d_3 has output shape [1, 3, 3, 64]; class scores need (N, classes)",
                failure(request(List.of(AttributionMethod.SALIENCY), List.of(), "conv2d_3", -1)));
    }

    @Test
    void classOutOfRangeIsRefused() {
        assertEquals("dense_2 has 10 classes, not 12",
                failure(request(List.of(AttributionMethod.SALIENCY), List.of(), "dense_2", 12)));
    }

    @Test
    void sanityNeedsTheSpec() {
        assertEquals(Messages.sanityNeedsSpec, failure(new ExplainRequest(digit, List.of(AttributionMethod.SALIENCY),
                List.of(), "dense_2", -1, false, true, null, null)));
    }

    @Test
    void unknownMethodNamesTheKnownOnes() {
        String m = assertThrows(AnalysisException.class, () -> AttributionMethod.named("deeplift")).getMessage();
        assertTrue(m.startsWith("unknown method 'deeplift' (one of gradcam, gradcam++, hirescam"), m);
        assertEquals(AttributionMethod.GUIDED_BACKPROP, AttributionMethod.named("Guided_Backprop"));
        assertEquals(AttributionMethod.GRADCAM_PLUS_PLUS, AttributionMethod.named("gradcam++"));
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(AnalysisException.class, () -> ExplainOptions.DEFAULTS.withIgSteps(0));
        assertThrows(AnalysisException.class,
                () -> ExplainOptions.DEFAULTS.withSmoothGrad(0.1f, 5, 0, AttributionMethod.OCCLUSION));
    }

    @Test
    void cancellingStopsTheWork() {
        ProgressMonitor cancelled = new ProgressMonitor() {

            @Override
            public void begin(String task, int totalWork) {
            }

            @Override
            public void worked(int work) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        assertThrows(CancelledException.class, () -> new Explainer(mnist)
                .explain(request(List.of(AttributionMethod.OCCLUSION), List.of(), "dense_2", -1), cancelled));
    }

    @Test
    void progressCountsEveryMethodOfEveryImage() {
        List<Integer> worked = new ArrayList<>();
        int[] total = new int[1];
        ProgressMonitor counting = new ProgressMonitor() {

            @Override
            public void begin(String task, int totalWork) {
                total[0] = totalWork;
            }

            @Override
            public void worked(int work) {
                worked.add(work);
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
        Explanation e = new Explainer(mnist).explain(new ExplainRequest(digit,
                List.of(AttributionMethod.GRADCAM, AttributionMethod.SALIENCY), List.of("conv2d_3"), "dense_2", 5, true,
                false, null, List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")),
                counting);
        assertEquals(4, total[0], "two methods, one image, maps and metrics");
        assertEquals(4, worked.stream().mapToInt(Integer::intValue).sum());
        ImageExplanation i = e.images().get(0);
        assertEquals(5, i.classIndex(), "the class asked for, not the top one");
        assertEquals("three", i.predictions().get(0).label());
        assertEquals(3, i.maps().get(AttributionMethod.GRADCAM).height(), "conv2d_3's 3×3 map");
        assertEquals(28, i.maps().get(AttributionMethod.SALIENCY).height());
        assertEquals(2, i.metrics().size());
    }
}
