package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convscope.engine.testing.Compare;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input gradient of a depthwise convolution by {@link StridedDepthwise} against libnd4j's
 * {@code depthwise_conv2d_bp} on the same operands (which BackwardFidelityTest holds to
 * TensorFlow): odd and even sizes, strides 2, 3 and (2, 1), "same" and "valid", kernels 3×3, 2×2
 * and 3×1, within 1e-5 of the largest value.
 */
class StridedDepthwiseTest {

    private static final double RELATIVE = 1e-5;

    @Test
    void matchesDepthwiseConv2dBp() {
        Nd4j.getRandom().setSeed(12);
        int[][] sizes = { { 7, 7 }, { 8, 8 }, { 9, 6 }, { 112, 112 }, { 113, 113 }, { 5, 4 } };
        int[][] strides = { { 2, 2 }, { 3, 3 }, { 2, 1 } };
        int[][] kernels = { { 3, 3 }, { 2, 2 }, { 3, 1 } };
        for (int[] size : sizes) {
            for (int[] stride : strides) {
                for (int[] kernel : kernels) {
                    for (boolean same : new boolean[] { true, false }) {
                        boolean mobileNet = stride[0] == 2 && stride[1] == 2 && kernel[0] == 3 && kernel[1] == 3;
                        if (size[0] > 20 && !mobileNet || kernel[1] == 1 && stride[0] == 3) {
                            // MobileNetV2's sizes with its kernel and stride only; a 3×1 kernel at
                            // stride 3 leaves a negative right padding on 6 columns, which libnd4j's
                            // forward (oneDNN 2.3) refuses
                            continue;
                        }
                        check(size[0], size[1], kernel[0], kernel[1], stride[0], stride[1], same);
                    }
                }
            }
        }
    }

    private static void check(int h, int w, int kh, int kw, int sh, int sw, boolean same) {
        String what = h + "x" + w + " kernel " + kh + "x" + kw + " stride " + sh + "x" + sw
                + (same ? " same" : " valid");
        List<INDArray> made = new ArrayList<>();
        try (BufferPool pool = new BufferPool()) {
            int channels = 5;
            INDArray x = keep(made, Nd4j.rand(DataType.FLOAT, 2, h, w, channels).subi(0.5));
            INDArray kernel = keep(made, Nd4j.rand(DataType.FLOAT, kh, kw, channels, 1).subi(0.5));
            long[] a = { kh, kw, sh, sw, 0, 0, 1, 1, same ? 1 : 0, 1, 0 };
            assertTrue(StridedDepthwise.applies(a, kernel), what);
            int[] ints = Arrays.stream(a).mapToInt(Math::toIntExact).toArray();
            INDArray y = keep(made, Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d").addInputs(x, kernel)
                    .addIntegerArguments(ints).build())[0]);
            INDArray dy = keep(made, Nd4j.rand(DataType.FLOAT, y.shape()).subi(0.5));
            INDArray expected = keep(made, Nd4j.createUninitialized(DataType.FLOAT, x.shape()));
            INDArray dw = keep(made, Nd4j.createUninitialized(DataType.FLOAT, kernel.shape()));
            Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d_bp").addInputs(x, kernel, dy)
                    .addOutputs(expected, dw).addIntegerArguments(ints).build());
            INDArray rotated = keep(made, StridedDepthwise.rotated(kernel));
            // garbage where the gradient must write, to see that it writes everywhere
            INDArray actual = keep(made, Nd4j.rand(DataType.FLOAT, x.shape()).addi(100));
            StridedDepthwise.backward(a, rotated, dy, actual, pool);
            assertArrayEquals(expected.shape(), actual.shape(), what);
            double relative = Compare.relativeDiff(NdArrays.toTensor(actual), NdArrays.toTensor(expected));
            assertTrue(relative <= RELATIVE, what + ": max|Δ|/max|ref| " + relative);
        } finally {
            made.forEach(NdArrays::release);
        }
    }

    @Test
    void onlyOneOutputPerChannelWithoutDilationOrExplicitPaddingApplies() {
        INDArray kernel = Nd4j.rand(DataType.FLOAT, 3, 3, 4, 1);
        INDArray multiplied = Nd4j.rand(DataType.FLOAT, 3, 3, 4, 2);
        assertTrue(StridedDepthwise.applies(new long[] { 3, 3, 2, 2, 0, 0, 1, 1, 1, 1, 0 }, kernel));
        assertFalse(StridedDepthwise.applies(new long[] { 3, 3, 2, 2, 0, 0, 1, 1, 1, 1, 0 }, multiplied));
        assertFalse(StridedDepthwise.applies(new long[] { 3, 3, 2, 2, 0, 0, 2, 2, 1, 1, 0 }, kernel));
        assertFalse(StridedDepthwise.applies(new long[] { 3, 3, 2, 2, 1, 1, 1, 1, 0, 1, 0 }, kernel));
        assertFalse(StridedDepthwise.applies(new long[] { 3, 3, 2, 2, 0, 0, 1, 1, 1, 0, 0 }, kernel));
        kernel.close();
        multiplied.close();
    }

    private static INDArray keep(List<INDArray> made, INDArray a) {
        made.add(a);
        return a;
    }
}
