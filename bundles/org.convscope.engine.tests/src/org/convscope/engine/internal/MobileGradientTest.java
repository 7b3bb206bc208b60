package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.GradientResult;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;
import org.convscope.engine.testing.ChainFixture;
import org.convscope.engine.testing.Compare;
import org.junit.jupiter.api.Test;

/**
 * MobileNetV2's strided depthwise blocks against TensorFlow (fixtures/gradients_mobile, made by
 * make_gradient_fixtures.py): ZeroPadding2D then a "valid" DepthwiseConv2D at stride 2 on even and
 * odd sizes, with the margins "same" would add (folded into the convolution, forward and back)
 * and with others (padded and cropped), a strided "same" one and a padded stride-1 one; gradients
 * with respect to the input and to an intermediate layer within 1e-4 of the largest reference
 * value.
 */
class MobileGradientTest {

    private static final String FIXTURE = "gradients_mobile";
    private static final int[] CLASSES = { 0, 3 };

    @Test
    void stridedDepthwiseBlocksMatchTensorFlow() throws IOException {
        Tensor x = ChainFixture.npy(FIXTURE, "x");
        try (Network net = Engine.open(ChainFixture.spec(FIXTURE))) {
            ForwardResult r = net.forward(x, List.of("logits"));
            assertClose(r.output("logits"), ChainFixture.npy(FIXTURE, "act_logits"), "logits");
            // pad1, pad2 and pad5 have the margins of "same"; pad3 does not
            assertEquals(3, ((SameDiffNetwork) net).paddingsSkipped(), "paddings folded in the forward pass");

            Objective score = Objective.unit("logits", 5, CLASSES);
            GradientResult input = net.gradients(List.of(x), score, List.of("image"));
            assertGradient(input.gradient("image"), ChainFixture.npy(FIXTURE, "grad_input"), "d/d image");
            assertEquals(6, ((SameDiffNetwork) net).paddingsSkipped(), "paddings folded, gradient pass included");

            GradientResult both = net.gradients(List.of(x), score, List.of("image", "dw2"));
            assertGradient(both.gradient("image"), ChainFixture.npy(FIXTURE, "grad_input"), "d/d image (with dw2)");
            assertGradient(both.gradient("dw2"), ChainFixture.npy(FIXTURE, "grad_dw2"), "d/d dw2");
        }
    }

    @Test
    void everyLayerAskedForKeepsThePaddings() throws IOException {
        Tensor x = ChainFixture.npy(FIXTURE, "x");
        try (Network net = Engine.open(ChainFixture.spec(FIXTURE))) {
            List<String> layers = List.of("expand", "pad1", "dw1", "bn1", "relu1", "pad2", "dw2", "pad3", "dw3",
                    "dw4", "pad5", "dw5", "flat", "logits");
            ForwardResult r = net.forward(x, layers);
            for (String layer : layers) {
                assertClose(r.output(layer), ChainFixture.npy(FIXTURE, "act_" + layer), layer);
            }
            assertEquals(0, ((SameDiffNetwork) net).paddingsSkipped(), "a padding asked for was folded away");
        }
    }

    private static void assertGradient(Tensor actual, Tensor expected, String what) {
        assertClose(actual, expected, what);
        double relative = Compare.relativeDiff(actual, expected);
        System.out.printf("mobile %-22s max|Δ|/max|ref| %.3g%n", what, relative);
        assertTrue(relative <= 1e-4, what + ": max|Δ|/max|ref| " + relative);
    }

    private static void assertClose(Tensor actual, Tensor expected, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double diff = Compare.maxAbsDiff(actual, expected);
        double bound = Compare.bound(expected);
        assertTrue(diff <= bound, what + ": max|Δ| " + diff + " > " + bound);
    }
}
