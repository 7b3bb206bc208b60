package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.convscope.engine.testing.Compare;
import org.junit.jupiter.api.Test;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Pointwise convolutions as matrix products and the element-wise ReLU and ReLU6 against libnd4j's
 * own {@code conv2d}, {@code conv2d_bp}, {@code clipbyvalue}, {@code relu_bp} and {@code relu6_bp}
 * on the same operands (those ops agree with TensorFlow: LayerFidelityTest, BackwardFidelityTest),
 * within 1e-5 of the largest value: strides 1, 2 and (3, 2), odd sizes, "same" and "valid", with
 * and without a bias.
 */
class PointwiseTest {

    private static final double RELATIVE = 1e-5;

    @Test
    void pointwiseConvolutionsMatchConv2dForwardAndBack() {
        Nd4j.getRandom().setSeed(14);
        for (int[] s : new int[][] { { 1, 1 }, { 2, 2 }, { 3, 2 } }) {
            for (boolean same : new boolean[] { true, false }) {
                for (boolean bias : new boolean[] { true, false }) {
                    check(s[0], s[1], same, bias);
                }
            }
        }
    }

    private static void check(int sh, int sw, boolean same, boolean withBias) {
        String what = "stride " + sh + "x" + sw + (same ? " same" : " valid") + (withBias ? " bias" : "");
        List<INDArray> made = new ArrayList<>();
        try (BufferPool pool = new BufferPool()) {
            INDArray x = keep(made, Nd4j.rand(DataType.FLOAT, 2, 7, 9, 5).subi(0.5));
            INDArray kernel = keep(made, Nd4j.rand(DataType.FLOAT, 1, 1, 5, 6).subi(0.5));
            INDArray bias = withBias ? keep(made, Nd4j.rand(DataType.FLOAT, 6)) : null;
            Conv2DConfig cfg = Conv2DConfig.builder().kH(1).kW(1).sH(sh).sW(sw).dH(1).dW(1)
                    .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC)
                    .weightsFormat(WeightsFormat.YXIO).build();
            Conv2D conv = bias == null ? new Conv2D(x, kernel, null, cfg) : new Conv2D(x, kernel, bias, cfg);
            assertTrue(Pointwise.applies(conv), what);
            assertArrayEquals(new long[] { sh, sw }, Pointwise.strides(conv), what);
            INDArray expected = keep(made, Nd4j.exec(conv)[0]);

            INDArray actual = Pointwise.forward(x, kernel, bias, new long[] { sh, sw }, pool, made);
            assertArrayEquals(expected.shape(), actual.shape(), what);
            assertClose(expected, actual, what + " forward");

            INDArray dy = keep(made, Nd4j.rand(DataType.FLOAT, expected.shape()).subi(0.5));
            INDArray dx = keep(made, Nd4j.createUninitialized(DataType.FLOAT, x.shape()));
            INDArray dw = keep(made, Nd4j.createUninitialized(DataType.FLOAT, kernel.shape()));
            DynamicCustomOp.DynamicCustomOpsBuilder bp = DynamicCustomOp.builder("conv2d_bp")
                    .addIntegerArguments(1, 1, sh, sw, 0, 0, 1, 1, same ? 1 : 0, 1, 0);
            if (bias == null) {
                bp.addInputs(x, kernel, dy).addOutputs(dx, dw);
            } else {
                bp.addInputs(x, kernel, bias, dy).addOutputs(dx, dw, keep(made, bias.ulike()));
            }
            Nd4j.exec(bp.build());
            INDArray gradient = keep(made, Nd4j.rand(DataType.FLOAT, x.shape()));
            Pointwise.backward(dy, kernel, new long[] { sh, sw }, gradient, pool);
            assertClose(dx, gradient, what + " backward");
        } finally {
            made.forEach(NdArrays::release);
        }
    }

    @Test
    void onlyOneByOneChannelsLastConvolutionsApply() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 5, 5, 3);
        Conv2DConfig three = Conv2DConfig.builder().kH(3).kW(3).paddingMode(PaddingMode.SAME)
                .dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
        assertFalse(Pointwise.applies(new Conv2D(x, Nd4j.rand(DataType.FLOAT, 3, 3, 3, 2), null, three)));
        Conv2DConfig padded = Conv2DConfig.builder().kH(1).kW(1).pH(1).pW(1).paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
        assertFalse(Pointwise.applies(new Conv2D(x, Nd4j.rand(DataType.FLOAT, 1, 1, 3, 2), null, padded)));
        assertFalse(Pointwise.plain(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2))));
        // one image keeps libnd4j's convolution; a batch takes the matrix product
        assertFalse(Pointwise.batched(x));
        INDArray two = Nd4j.rand(DataType.FLOAT, 2, 5, 5, 3);
        assertTrue(Pointwise.batched(two));
        two.close();
        x.close();
    }

    @Test
    void rectifiersMatchLibnd4jsCustomOps() {
        Nd4j.getRandom().setSeed(6);
        long[] shape = { 3, 11, 13, 7 };
        INDArray x = Nd4j.rand(DataType.FLOAT, shape).subi(0.3).muli(20);
        // exact bounds and zeros too
        x.putScalar(0, 0f);
        x.putScalar(1, 6f);
        x.putScalar(2, -0f);
        INDArray dy = Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
        INDArray clipped = Nd4j.createUninitialized(DataType.FLOAT, shape);
        Nd4j.exec(DynamicCustomOp.builder("clipbyvalue").addInputs(x).addOutputs(clipped)
                .addFloatingPointArguments(0.0, 6.0).build());
        INDArray y6 = Nd4j.createUninitialized(DataType.FLOAT, shape);
        Rectifiers.relu6(x, y6);
        assertEquals(clipped, y6);

        INDArray expected = Nd4j.createUninitialized(DataType.FLOAT, shape);
        Nd4j.exec(DynamicCustomOp.builder("relu6_bp").addInputs(y6, dy).addOutputs(expected).build());
        INDArray actual = Nd4j.createUninitialized(DataType.FLOAT, shape);
        Rectifiers.relu6Backward(y6, dy, actual);
        assertEquals(expected, actual);

        INDArray y = x.dup();
        Nd4j.exec(new RectifiedLinear(x, y, 0.0));
        Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(y, dy).addOutputs(expected)
                .addFloatingPointArguments(0.0).build());
        Rectifiers.reluBackward(y, dy, actual);
        assertEquals(expected, actual);
        List.of(x, dy, clipped, y6, expected, actual, y).forEach(NdArrays::release);
    }

    private static INDArray keep(List<INDArray> made, INDArray a) {
        made.add(a);
        return a;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double relative = Compare.relativeDiff(NdArrays.toTensor(actual), NdArrays.toTensor(expected));
        assertTrue(relative <= RELATIVE, what + ": max|Δ|/max|ref| " + relative);
    }
}
