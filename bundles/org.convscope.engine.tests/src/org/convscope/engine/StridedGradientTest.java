package org.convscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.testing.ChainFixture;
import org.convscope.engine.testing.Compare;
import org.junit.jupiter.api.Test;

/**
 * Backward passes beyond the plain convnet, against TensorFlow (fixtures/gradients_strided): a
 * stride-2 convolution, depthwise and separable convolutions, a skip connection and average
 * pooling with padding.
 */
class StridedGradientTest {

    private static final String FIXTURE = "gradients_strided";

    @Test
    void activationsAndGradientsMatchTensorFlow() throws IOException {
        Tensor x = ChainFixture.npy(FIXTURE, "x");
        try (Network net = Engine.open(ChainFixture.spec(FIXTURE))) {
            ForwardResult r = net.forward(x, List.of());
            for (String layer : List.of("s2", "dw", "sep", "skip", "ap", "flat", "logits")) {
                assertClose(r.output(layer), ChainFixture.npy(FIXTURE, "act_" + layer), layer);
            }
            Objective score = Objective.unit("logits", 5, 0, 3);
            GradientResult whole = net.gradients(List.of(x), score, List.of("image", "dw"));
            assertGradient(whole.gradient("image"), ChainFixture.npy(FIXTURE, "grad_input"), "d/d image");
            assertGradient(whole.gradient("dw"), ChainFixture.npy(FIXTURE, "grad_dw"), "d/d dw");
            GradientResult cut = net.gradients(List.of(x), score, List.of("dw"));
            assertGradient(cut.gradient("dw"), ChainFixture.npy(FIXTURE, "grad_dw"), "d/d dw (cut)");
        }
    }

    /** The fidelity bound, and for gradients 1e-4 of the largest reference value too. */
    private static void assertGradient(Tensor actual, Tensor expected, String what) {
        assertClose(actual, expected, what);
        double relative = Compare.relativeDiff(actual, expected);
        System.out.printf("strided %-14s max|Δ|/max|ref| %.3g%n", what, relative);
        assertTrue(relative <= 1e-4, what + ": max|Δ|/max|ref| " + relative);
    }

    private static void assertClose(Tensor actual, Tensor expected, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double diff = Compare.maxAbsDiff(actual, expected);
        double bound = Compare.bound(expected);
        System.out.printf("strided %-14s max|Δ| %.3g (bound %.3g)%n", what, diff, bound);
        assertTrue(diff <= bound, what + ": max|Δ| " + diff + " > " + bound);
    }
}
