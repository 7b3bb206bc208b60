package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.testing.ChainFixture;
import org.convscope.engine.testing.Compare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A whole small convnet against TensorFlow: every layer's activation, the batched filter-pattern
 * gradient with respect to the input, the Grad-CAM gradient with respect to a conv layer's output,
 * the activation cache, and failures of unsupported layers.
 */
class NetworkTest {

    private static Network net;
    private static Tensor x;

    @BeforeAll
    static void open() throws IOException {
        net = Engine.open(ChainFixture.spec());
        x = ChainFixture.npy("x");
    }

    @AfterAll
    static void close() {
        net.close();
    }

    @Test
    void everyLayerMatchesTensorFlow() throws IOException {
        ForwardResult r = net.forward(x, List.of());
        assertTrue(r.failures().isEmpty(), () -> r.failures().toString());
        for (String layer : net.layerNames()) {
            if (layer.equals("image")) {
                assertEquals(x, r.output(layer));
                continue;
            }
            assertClose(r.output(layer), ChainFixture.npy("act_" + layer), layer);
        }
    }

    @Test
    void batchedFilterGradientMatchesTensorFlow() throws IOException {
        Objective o = Objective.channelMeans("c2", 4, 4, 6, 1, 4);
        GradientResult g = net.gradients(List.of(x), o, List.of("image"));
        assertClose(g.gradient("image"), ChainFixture.npy("filters_grad_input"), "d/d image");
        assertGradient(g.gradient("image"), ChainFixture.npy("filters_grad_input"), "d/d image");
        assertClose(new Tensor(g.objectivePerItem(), new int[] { 2 }), ChainFixture.npy("filters_per_item"),
                "per item");
    }

    @Test
    void gradCamGradientMatchesTensorFlow() throws IOException {
        GradientResult g = net.gradients(List.of(x), Objective.unit("logits", 5, 0, 3), List.of("c2"));
        assertClose(g.gradient("c2"), ChainFixture.npy("gradcam_grad_c2"), "d/d c2");
        assertGradient(g.gradient("c2"), ChainFixture.npy("gradcam_grad_c2"), "d/d c2");
        assertClose(g.outputs().get("c2"), ChainFixture.npy("gradcam_c2"), "c2");
    }

    @Test
    void outputShapesAreKnownWithoutRunning() {
        Map<String, int[]> shapes = net.outputShapes(List.of(new int[] { 3, 12, 12, 3 }));
        assertArrayEquals(new int[] { 3, 4, 4, 6 }, shapes.get("c2"));
        assertArrayEquals(new int[] { 3, 96 }, shapes.get("flat"));
        assertArrayEquals(new int[] { 3, 5 }, shapes.get("pred"));
    }

    @Test
    void secondRequestForTheSameInputIsServedFromTheCache() {
        Tensor first = net.forward(x, List.of("c1")).output("c1");
        Tensor again = net.forward(new Tensor(x.data().clone(), x.shape()), List.of("c1")).output("c1");
        assertSame(first, again);
    }

    @Test
    void unsupportedLayerNamesItselfAndEarlierLayersStillRun() throws IOException {
        List<LayerSpec> layers = new ArrayList<>(ChainFixture.spec().layers());
        LayerSpec p1 = layers.get(3);
        layers.set(3, new LayerSpec(p1.name(), "FancyPooling2D", p1.config(), p1.inbound(), null));
        try (Network broken = Engine.open(new NetworkSpec("broken", layers))) {
            ForwardResult r = broken.forward(x, List.of());
            assertClose(r.output("bn"), ChainFixture.npy("act_bn"), "bn");
            LayerNotRunnableException e = assertThrows(LayerNotRunnableException.class, () -> r.output("p1"));
            assertTrue(e.getMessage().contains("p1") && e.getMessage().contains("FancyPooling2D"), e.getMessage());
            LayerFailure downstream = r.failures().get("pred");
            assertEquals("p1", downstream.cause());
            assertTrue(downstream.message().contains("FancyPooling2D"), downstream.message());
            Map<String, LayerFailure> checked = broken.check(List.of(x.shape()));
            assertEquals(List.of("p1", "c2", "flat", "logits", "pred"), List.copyOf(checked.keySet()));
        }
    }

    @Test
    void anInputOfTheWrongSizeIsReportedAtTheInputLayer() {
        ForwardResult r = net.forward(new Tensor(new float[2 * 10 * 10 * 3], new int[] { 2, 10, 10, 3 }),
                List.of("pred"));
        LayerFailure f = r.failures().get("pred");
        assertEquals("image", f.cause());
        assertTrue(f.message().contains("(12, 12, 3)") && f.message().contains("(10, 10, 3)"), f.message());
    }

    @Test
    void gradientWithRespectToALayerAfterTheObjectiveIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> net.gradients(List.of(x), Objective.channelMeans("c1", 12, 12, 8, 0, 0), List.of("c2")));
    }

    /** Gradients: within 1e-4 of the largest reference value. */
    private static void assertGradient(Tensor actual, Tensor expected, String what) {
        double relative = Compare.relativeDiff(actual, expected);
        System.out.printf("network %-12s max|Δ|/max|ref| %.3g%n", what, relative);
        assertTrue(relative <= 1e-4, what + ": max|Δ|/max|ref| " + relative);
    }

    private static void assertClose(Tensor actual, Tensor expected, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double diff = Compare.maxAbsDiff(actual, expected);
        double bound = Compare.bound(expected);
        System.out.printf("network %-12s max|Δ| %.3g (bound %.3g)%n", what, diff, bound);
        assertTrue(diff <= bound, what + ": max|Δ| " + diff + " > " + bound);
    }
}
