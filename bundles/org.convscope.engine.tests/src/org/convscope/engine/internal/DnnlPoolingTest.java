package org.convscope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.bytedeco.javacpp.Loader;
import org.convscope.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pooling gradients by oneDNN directly ({@link DnnlPooling}) against libnd4j's {@code maxpool2d_bp}
 * and {@code avgpool2d_bp} given the same integer arguments, within 1e-6 of the largest value: odd
 * sizes where "same" pads unevenly (nothing before, one after) or "valid" leaves the last row out,
 * windows 3×3 stride 2, 2×2 stride 2, 3×3 stride 1 "same", 3×2 strides (2, 1), overlapping windows,
 * and averages that exclude or include the padding. Max pooling is checked on inputs full of ties
 * too (a ReLU's zeros, small integers): both route a window's gradient to the first of its maxima
 * in row-major order, so the gradients agree element by element.
 */
class DnnlPoolingTest {

    private static final double RELATIVE = 1e-6;

    /** (H, W, kH, kW, sH, sW, same) */
    private static final int[][] CASES = { { 9, 9, 3, 3, 2, 2, 0 }, { 8, 8, 2, 2, 2, 2, 0 }, { 7, 7, 2, 2, 2, 2, 0 },
            { 6, 7, 3, 3, 1, 1, 1 }, { 7, 8, 3, 3, 2, 2, 1 }, { 5, 5, 2, 2, 1, 1, 1 }, { 7, 7, 2, 2, 2, 2, 1 },
            { 8, 7, 3, 2, 2, 1, 0 }, { 8, 7, 3, 2, 2, 1, 1 }, { 5, 6, 3, 3, 2, 2, 1 } };

    @BeforeAll
    static void load() {
        Engine.checkPlatform();
        assertTrue(Dnnl.available() || !"linux-x86_64".equals(Loader.getPlatform()),
                "oneDNN's presets did not load on Linux x86-64");
    }

    @Test
    void maxPoolingGradientsEqualLibnd4js() {
        if (!Dnnl.available()) {
            return; // elsewhere libnd4j's gradients serve alone
        }
        Random random = new Random(16);
        for (int[] c : CASES) {
            for (String input : new String[] { "gaussian", "rectified", "integers" }) {
                long[] shape = { 3, c[0], c[1], 5 };
                INDArray x = Nd4j.create(values(random, input, shape), shape, 'c');
                check(true, config(c, Pooling2D.Pooling2DType.MAX, 0), x, random,
                        Arrays.toString(c) + " " + input);
            }
        }
    }

    @Test
    void averagePoolingGradientsEqualLibnd4js() {
        if (!Dnnl.available()) {
            return; // elsewhere libnd4j's gradients serve alone
        }
        Random random = new Random(14);
        for (int[] c : CASES) {
            for (int extra : new int[] { 0, 1 }) {
                long[] shape = { 2, c[0], c[1], 4 };
                INDArray x = Nd4j.create(values(random, "gaussian", shape), shape, 'c');
                check(false, config(c, Pooling2D.Pooling2DType.AVG, extra), x, random,
                        Arrays.toString(c) + (extra == 0 ? " excluding" : " including") + " the padding");
            }
        }
    }

    @Test
    void theAverageDivisorIsLibnd4jsTenthArgument() {
        INDArray x = Nd4j.create(DataType.FLOAT, 1, 4, 4, 1);
        int[] c = { 4, 4, 3, 3, 1, 1, 1 };
        // the config's "extra", not its divisor, reaches libnd4j: 0 excludes the padding, 1 includes it
        for (int extra : new int[] { 0, 1 }) {
            assertEquals(extra, new AvgPooling2D(x, null, config(c, Pooling2D.Pooling2DType.AVG, extra)).iArgs()[9]);
        }
    }

    @Test
    void oneDnnTakesOnlyWhatItComputesAsLibnd4jDoes() {
        if (!Dnnl.available()) {
            return; // elsewhere libnd4j's gradients serve alone
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 6, 6, 3);
        INDArray dy = Nd4j.rand(DataType.FLOAT, 2, 3, 3, 3);
        INDArray dx = Nd4j.create(DataType.FLOAT, 2, 6, 6, 3);
        INDArray y = Nd4j.create(DataType.FLOAT, 2, 3, 3, 3);
        long[] args = { 2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1 };
        assertTrue(DnnlPooling.backward(true, args, x, dy, dx, y));
        long[] dilated = args.clone();
        dilated[6] = 2;
        dilated[7] = 2;
        assertFalse(DnnlPooling.backward(true, dilated, x, dy, dx, y), "dilated");
        long[] channelsFirst = args.clone();
        channelsFirst[10] = 0;
        assertFalse(DnnlPooling.backward(true, channelsFirst, x, dy, dx, y), "channels first");
        long[] otherDivisor = args.clone();
        otherDivisor[9] = 2;
        assertFalse(DnnlPooling.backward(false, otherDivisor, x, dy, dx, y), "another divisor");
        assertFalse(DnnlPooling.backward(true, args, x, Nd4j.create(DataType.FLOAT, 2, 2, 2, 3), dx, y),
                "an output gradient of another shape");
        assertFalse(DnnlPooling.backward(true, args, x, dy, dx, null), "no scratch output");
        assertFalse(DnnlPooling.backward(true, args, x.permute(0, 2, 1, 3), dy, dx, y), "a permuted view");
        assertFalse(DnnlPooling.backward(true, args, x.castTo(DataType.DOUBLE), dy.castTo(DataType.DOUBLE),
                dx.castTo(DataType.DOUBLE), y.castTo(DataType.DOUBLE)), "doubles");
    }

    private static void check(boolean max, Pooling2DConfig config, INDArray x, Random random, String what) {
        long[] args = max ? new MaxPooling2D(x, null, config).iArgs() : new AvgPooling2D(x, null, config).iArgs();
        INDArray y = Nd4j.exec(max ? new MaxPooling2D(x, null, config) : new AvgPooling2D(x, null, config))[0];
        long[] outShape = y.shape();
        INDArray dy = Nd4j.create(values(random, "gaussian", outShape), outShape, 'c');

        INDArray expected = Nd4j.create(DataType.FLOAT, x.shape());
        Nd4j.exec(DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp").addInputs(x, dy)
                .addOutputs(expected).addIntegerArguments(Arrays.stream(args).mapToInt(Math::toIntExact).toArray())
                .build());
        // uninitialised memory: oneDNN must write every element of the gradient
        INDArray dx = Nd4j.valueArrayOf(x.shape(), Float.NaN, DataType.FLOAT);
        INDArray scratch = max ? Nd4j.create(DataType.FLOAT, outShape) : null;
        assertTrue(DnnlPooling.backward(max, args, x, dy, dx, scratch), what + ": oneDNN declined");

        float[] e = expected.data().asFloat();
        double tolerance = RELATIVE * Math.max(1e-30, expected.amaxNumber().doubleValue());
        assertArrayEquals(e, dx.data().asFloat(), (float) tolerance, (max ? "max " : "avg ") + what);
        if (max) {
            assertArrayEquals(y.data().asFloat(), scratch.data().asFloat(), 0f, "the forward pass, " + what);
        }
    }

    private static Pooling2DConfig config(int[] c, Pooling2D.Pooling2DType type, int extra) {
        return Pooling2DConfig.builder().kH(c[2]).kW(c[3]).sH(c[4]).sW(c[5]).dH(1).dW(1)
                .paddingMode(c[6] == 1 ? PaddingMode.SAME : PaddingMode.VALID).isNHWC(true).type(type)
                .extra(extra).build();
    }

    private static float[] values(Random random, String kind, long[] shape) {
        float[] v = new float[(int) (shape[0] * shape[1] * shape[2] * shape[3])];
        for (int i = 0; i < v.length; i++) {
            float g = (float) random.nextGaussian();
            v[i] = switch (kind) {
                case "rectified" -> Math.max(g, 0f);
                case "integers" -> random.nextInt(3);
                default -> g;
            };
        }
        return v;
    }
}
