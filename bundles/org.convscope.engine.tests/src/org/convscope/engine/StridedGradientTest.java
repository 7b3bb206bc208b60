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
            assertClose(whole.gradient("image"), ChainFixture.npy(FIXTURE, "grad_input"), "d/d image");
            assertClose(whole.gradient("dw"), ChainFixture.npy(FIXTURE, "grad_dw"), "d/d dw");
            GradientResult cut = net.gradients(List.of(x), score, List.of("dw"));
            assertClose(cut.gradient("dw"), ChainFixture.npy(FIXTURE, "grad_dw"), "d/d dw (cut)");
        }
    }

    private static void assertClose(Tensor actual, Tensor expected, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double diff = Compare.maxAbsDiff(actual, expected);
        double bound = Compare.bound(expected);
        System.out.printf("strided %-14s max|Δ| %.3g (bound %.3g)%n", what, diff, bound);
        assertTrue(diff <= bound, what + ": max|Δ| " + diff + " > " + bound);
    }
}
