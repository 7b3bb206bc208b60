package org.convscope.engine.internal;

import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_destroy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.Loader;
import org.convscope.engine.Engine;
import org.convscope.engine.internal.DnnlConvolution.PostOp;
import org.convscope.engine.internal.DnnlConvolution.Spec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * Convolutions run by oneDNN directly ({@link DnnlConvolution}) against libnd4j's {@code conv2d}
 * with the rectifier run after it (libnd4j's agrees with TensorFlow: LayerFidelityTest), and
 * against a plain loop over Keras's (kH, kW, in, out) kernel, within 1e-5 of the largest value:
 * odd sizes, strides 1, 2, 3 and (2, 1), "same" and "valid", kernels 1×1, 3×3, 7×7 and 3×2 with
 * more outputs than inputs (a kernel read in another layout, or transposed, gives other values),
 * batches of 1 and 3, with and without bias, ReLU and ReLU6 fused; dilation and depthwise
 * kernels against the loop.
 */
class DnnlConvolutionTest {

    private static final double RELATIVE = 1e-5;
    private static dnnl_stream stream;

    @BeforeAll
    static void load() {
        Engine.checkPlatform();
        assertTrue(Dnnl.available() || !"linux-x86_64".equals(Loader.getPlatform()),
                "oneDNN's presets did not load on Linux x86-64");
        if (Dnnl.available()) {
            stream = new dnnl_stream();
            Dnnl.check(dnnl_stream_create(stream, Dnnl.engine(), dnnl_stream_default_flags), "stream");
        }
    }

    @AfterAll
    static void free() {
        if (stream != null) {
            dnnl_stream_destroy(stream);
        }
    }

    @Test
    void matchesLibnd4jConv2dOnOddShapes() {
        if (!Dnnl.available()) {
            return;
        }
        Random random = new Random(14);
        int[][] kernels = { { 1, 1 }, { 3, 3 }, { 7, 7 }, { 3, 2 } };
        int[][] strides = { { 1, 1 }, { 2, 2 }, { 3, 3 }, { 2, 1 } };
        int cases = 0;
        for (int batch : new int[] { 1, 3 }) {
            for (int[] k : kernels) {
                for (int[] s : strides) {
                    for (boolean same : new boolean[] { true, false }) {
                        boolean bias = (cases & 1) == 0;
                        PostOp post = PostOp.values()[cases % 3];
                        check(random, batch, 11, 9, 5, 7, k, s, same, bias, post);
                        cases++;
                    }
                }
            }
        }
        assertEquals(64, cases);
    }

    private static void check(Random random, int batch, int h, int w, int in, int out, int[] k, int[] s,
            boolean same, boolean withBias, PostOp post) {
        String what = "batch " + batch + ", kernel " + k[0] + "x" + k[1] + ", stride " + s[0] + "x" + s[1]
                + (same ? " same" : " valid") + (withBias ? ", bias" : "") + ", " + post;
        List<INDArray> made = new ArrayList<>();
        Spec spec = new Spec(new long[] { k[0], k[1], in, out }, 1, s, new int[] { 1, 1 }, same, post);
        float[] kv = values(random, k[0] * k[1] * in * out);
        float[] bv = withBias ? values(random, out) : null;
        try (DnnlConvolution conv = new DnnlConvolution(spec, kv, bv, new long[] { batch, h, w, in }, stream)) {
            INDArray x = keep(made,
                    Nd4j.create(values(random, batch * h * w * in), new long[] { batch, h, w, in }, 'c'));
            INDArray kernel = keep(made, Nd4j.create(kv, spec.kernel(), 'c'));
            INDArray bias = bv == null ? null : keep(made, Nd4j.create(bv, new long[] { out }, 'c'));
            INDArray expected = keep(made, loop(x, kernel, bias, spec));
            assertArrayEquals(expected.shape(), conv.outputShape(), what);
            INDArray actual = keep(made, Nd4j.createUninitialized(DataType.FLOAT, conv.outputShape()));
            conv.forward(x, actual, stream);
            assertClose(expected, actual, what);
            if (libnd4jRuns(k, s, same)) {
                assertClose(keep(made, reference(x, kernel, bias, spec)), actual, what + " (libnd4j)");
            }
        } finally {
            made.forEach(NdArrays::release);
        }
    }

    /**
     * The input gradient by oneDNN's backward-data convolution with the kept kernel against
     * libnd4j's {@code conv2d_bp} (whose input gradient BackwardFidelityTest holds to TensorFlow's)
     * and against the transpose of the plain loop; a depthwise kernel against the loop.
     */
    @Test
    void inputGradientMatchesConv2dBp() {
        if (!Dnnl.available()) {
            return;
        }
        Random random = new Random(16);
        int cases = 0;
        for (int batch : new int[] { 1, 3 }) {
            for (int[] k : new int[][] { { 1, 1 }, { 3, 3 }, { 7, 7 }, { 3, 2 } }) {
                for (int[] s : new int[][] { { 1, 1 }, { 2, 2 }, { 3, 3 } }) {
                    for (boolean same : new boolean[] { true, false }) {
                        checkBackward(random, batch, new long[] { k[0], k[1], 5, 7 }, s, same);
                        cases++;
                    }
                }
            }
        }
        assertEquals(48, cases);
        // depthwise: 5 channels, 2 outputs each
        for (int[] s : new int[][] { { 1, 1 }, { 2, 2 } }) {
            for (boolean same : new boolean[] { true, false }) {
                checkGroupedBackward(random, s, same);
            }
        }
    }

    private static void checkGroupedBackward(Random random, int[] s, boolean same) {
        String what = "depthwise, stride " + s[0] + (same ? " same" : " valid");
        List<INDArray> made = new ArrayList<>();
        long[] k = { 3, 3, 1, 10 };
        Spec spec = new Spec(k, 5, s, new int[] { 1, 1 }, same, PostOp.RELU6);
        float[] kv = values(random, 90);
        long[] shape = { 2, 11, 9, 5 };
        try (DnnlConvolution conv = new DnnlConvolution(spec, kv, null, shape, stream)) {
            INDArray kernel = keep(made, Nd4j.create(kv, k, 'c'));
            long[] out = conv.outputShape();
            INDArray dy = keep(made, Nd4j.create(values(random, (int) (out[0] * out[1] * out[2] * out[3])), out, 'c'));
            INDArray actual = keep(made, Nd4j.rand(DataType.FLOAT, shape));
            assertTrue(conv.backwardData(dy, actual, stream), what);
            assertClose(keep(made, loopBackward(dy, kernel, shape, spec)), actual, what);
        } finally {
            made.forEach(NdArrays::release);
        }
    }

    private static void checkBackward(Random random, int batch, long[] k, int[] s, boolean same) {
        String what = "batch " + batch + ", kernel " + k[0] + "x" + k[1] + ", stride " + s[0]
                + (same ? " same" : " valid");
        List<INDArray> made = new ArrayList<>();
        Spec spec = new Spec(k, 1, s, new int[] { 1, 1 }, same, PostOp.RELU);
        float[] kv = values(random, (int) (k[0] * k[1] * k[2] * k[3]));
        long[] shape = { batch, 11, 9, k[2] };
        try (DnnlConvolution conv = new DnnlConvolution(spec, kv, values(random, (int) k[3]), shape, stream)) {
            INDArray x = keep(made, Nd4j.create(values(random, batch * 11 * 9 * (int) k[2]), shape, 'c'));
            INDArray kernel = keep(made, Nd4j.create(kv, k, 'c'));
            long[] out = conv.outputShape();
            INDArray dy = keep(made, Nd4j.create(values(random, (int) (out[0] * out[1] * out[2] * out[3])), out, 'c'));
            INDArray actual = keep(made, Nd4j.rand(DataType.FLOAT, shape));
            assertTrue(conv.backwardData(dy, actual, stream), what);
            assertClose(keep(made, loopBackward(dy, kernel, shape, spec)), actual, what);
            if (libnd4jRuns(k, s, same)) {
                INDArray expected = keep(made, Nd4j.createUninitialized(DataType.FLOAT, shape));
                INDArray dw = keep(made, Nd4j.createUninitialized(DataType.FLOAT, k));
                Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, kernel, dy).addOutputs(expected, dw)
                        .addIntegerArguments((int) k[0], (int) k[1], s[0], s[1], 0, 0, 1, 1, same ? 1 : 0, 1, 0)
                        .build());
                assertClose(expected, actual, what + " (libnd4j)");
            }
        } finally {
            made.forEach(NdArrays::release);
        }
    }

    /** Dilation 2 and a depthwise kernel (groups = channels, multiplier 2) against the plain loop. */
    @Test
    void dilatedAndDepthwiseMatchThePlainLoop() {
        if (!Dnnl.available()) {
            return;
        }
        Random random = new Random(15);
        Spec[] specs = {
                new Spec(new long[] { 3, 2, 4, 6 }, 1, new int[] { 1, 2 }, new int[] { 2, 2 }, true, PostOp.NONE),
                new Spec(new long[] { 3, 3, 4, 6 }, 1, new int[] { 2, 1 }, new int[] { 2, 3 }, false, PostOp.RELU),
                new Spec(new long[] { 3, 3, 1, 10 }, 5, new int[] { 2, 2 }, new int[] { 1, 1 }, true, PostOp.RELU6),
                new Spec(new long[] { 3, 3, 1, 5 }, 5, new int[] { 1, 1 }, new int[] { 1, 1 }, false, PostOp.NONE) };
        for (Spec spec : specs) {
            long[] k = spec.kernel();
            int n = (int) (k[0] * k[1] * k[2] * k[3]);
            long[] shape = { 2, 10, 9, spec.in() };
            List<INDArray> made = new ArrayList<>();
            float[] kv = values(random, n);
            float[] bv = values(random, (int) k[3]);
            try (DnnlConvolution conv = new DnnlConvolution(spec, kv, bv, shape, stream)) {
                INDArray x = keep(made, Nd4j.create(values(random, (int) (2 * 10 * 9 * spec.in())), shape, 'c'));
                INDArray kernel = keep(made, Nd4j.create(kv, k, 'c'));
                INDArray bias = keep(made, Nd4j.create(bv, new long[] { k[3] }, 'c'));
                INDArray expected = keep(made, loop(x, kernel, bias, spec));
                INDArray actual = keep(made, Nd4j.createUninitialized(DataType.FLOAT, conv.outputShape()));
                conv.forward(x, actual, stream);
                assertClose(expected, actual, spec.toString());
            } finally {
                made.forEach(NdArrays::release);
            }
        }
    }

    /**
     * The runner's cache: one primitive per convolution and input shape, kept between calls;
     * operands it cannot hand to oneDNN as they are (a view) are left to libnd4j.
     */
    @Test
    void theCacheKeepsOnePrimitivePerShapeAndLeavesViewsToLibnd4j() {
        if (!Dnnl.available()) {
            return;
        }
        List<INDArray> made = new ArrayList<>();
        try (BufferPool pool = new BufferPool(); DnnlConvolutions cache = new DnnlConvolutions()) {
            INDArray x = keep(made, Nd4j.rand(DataType.FLOAT, 2, 8, 8, 3));
            INDArray kernel = keep(made, Nd4j.rand(DataType.FLOAT, 3, 3, 3, 4));
            Conv2DConfig cfg = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).dH(1).dW(1)
                    .paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO)
                    .build();
            Conv2D op = new Conv2D(x, kernel, null, cfg);
            long[] args = op.iArgs();
            List<INDArray> out = new ArrayList<>();
            INDArray first = cache.forward(op, args, x, kernel, null, PostOp.NONE, pool, out);
            INDArray second = cache.forward(op, args, x, kernel, null, PostOp.NONE, pool, out);
            assertNotNull(first);
            assertArrayEquals(first.data().asFloat(), second.data().asFloat());
            assertEquals(1, cache.size());
            INDArray one = keep(made, x.get(NDArrayIndex.interval(0, 1)).dup('c'));
            assertNotNull(cache.forward(op, args, one, kernel, null, PostOp.NONE, pool, out));
            assertEquals(2, cache.size(), "a primitive per input shape");
            INDArray view = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
            assertNull(cache.forward(op, args, view, kernel, null, PostOp.NONE, pool, out));
            assertSame(3, out.size());
            INDArray expected = keep(made, Nd4j.exec(new Conv2D(x, kernel, null, cfg))[0]);
            assertClose(expected, first, "cached forward");
            out.forEach(pool::give);
        } finally {
            made.forEach(NdArrays::release);
        }
    }

    /**
     * Whether libnd4j's {@code conv2d} and {@code conv2d_bp} run this case: they fail ("could not
     * create a descriptor") where TensorFlow's "same" padding would be negative and is zero, as
     * for a 1×1 kernel at stride 3 on 11×9. The engine's folded paddings and this class then have
     * only the plain loop to compare with.
     */
    private static boolean libnd4jRuns(long[] k, int[] s, boolean same) {
        return !same || (11 - 1) % s[0] < k[0] && (9 - 1) % s[1] < k[1];
    }

    private static boolean libnd4jRuns(int[] k, int[] s, boolean same) {
        return libnd4jRuns(new long[] { k[0], k[1] }, s, same);
    }

    /** libnd4j's conv2d on the same operands, then the rectifier as its own op. */
    private static INDArray reference(INDArray x, INDArray kernel, INDArray bias, Spec spec) {
        long[] k = spec.kernel();
        long[] hw = spec.outSize(x.size(1), x.size(2));
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), hw[0], hw[1], k[3]);
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder("conv2d").addIntegerArguments((int) k[0],
                (int) k[1],
                spec.stride()[0], spec.stride()[1], 0, 0, 1, 1, spec.same() ? 1 : 0, 1, 0);
        if (bias == null) {
            b.addInputs(x, kernel);
        } else {
            b.addInputs(x, kernel, bias);
        }
        Nd4j.exec(b.addOutputs(z).build());
        if (spec.post() == PostOp.RELU) {
            Nd4j.exec(new RectifiedLinear(z, z, 0));
        } else if (spec.post() == PostOp.RELU6) {
            Rectifiers.relu6(z, z);
        }
        return z;
    }

    /** The convolution as its definition: a loop over Keras's kernel layout, groups and dilation included. */
    private static INDArray loop(INDArray xa, INDArray ka, INDArray ba, Spec spec) {
        float[] x = xa.data().asFloat();
        float[] k = ka.data().asFloat();
        float[] b = ba == null ? null : ba.data().asFloat();
        long[] ks = spec.kernel();
        int kh = (int) ks[0];
        int kw = (int) ks[1];
        int inPer = (int) ks[2];
        int out = (int) ks[3];
        int outPer = out / spec.groups();
        int n = (int) xa.size(0);
        int h = (int) xa.size(1);
        int w = (int) xa.size(2);
        int c = (int) xa.size(3);
        long[] hw = spec.outSize(h, w);
        int top = (int) spec.padding(h, 0)[0];
        int left = (int) spec.padding(w, 1)[0];
        float[] y = new float[(int) (n * hw[0] * hw[1] * out)];
        int i = 0;
        for (int b0 = 0; b0 < n; b0++) {
            for (int oy = 0; oy < hw[0]; oy++) {
                for (int ox = 0; ox < hw[1]; ox++) {
                    for (int o = 0; o < out; o++) {
                        int g = o / outPer;
                        double sum = b == null ? 0 : b[o];
                        for (int dy = 0; dy < kh; dy++) {
                            int iy = oy * spec.stride()[0] - top + dy * spec.dilation()[0];
                            for (int dx = 0; dx < kw; dx++) {
                                int ix = ox * spec.stride()[1] - left + dx * spec.dilation()[1];
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue;
                                }
                                for (int j = 0; j < inPer; j++) {
                                    sum += x[((b0 * h + iy) * w + ix) * c + g * inPer + j]
                                            * k[((dy * kw + dx) * inPer + j) * out + o];
                                }
                            }
                        }
                        if (spec.post() != PostOp.NONE) {
                            sum = Math.max(sum, 0);
                        }
                        if (spec.post() == PostOp.RELU6) {
                            sum = Math.min(sum, 6);
                        }
                        y[i++] = (float) sum;
                    }
                }
            }
        }
        return Nd4j.create(y, new long[] { n, hw[0], hw[1], out }, 'c');
    }

    /** The input gradient as the transpose of {@link #loop}: each output's gradient spread over the taps it read. */
    private static INDArray loopBackward(INDArray dya, INDArray ka, long[] shape, Spec spec) {
        float[] dy = dya.data().asFloat();
        float[] k = ka.data().asFloat();
        long[] ks = spec.kernel();
        int kh = (int) ks[0];
        int kw = (int) ks[1];
        int inPer = (int) ks[2];
        int out = (int) ks[3];
        int outPer = out / spec.groups();
        int c = (int) shape[3];
        int h = (int) shape[1];
        int w = (int) shape[2];
        long[] hw = spec.outSize(h, w);
        int top = (int) spec.padding(h, 0)[0];
        int left = (int) spec.padding(w, 1)[0];
        double[] dx = new double[(int) (shape[0] * h * w * c)];
        int o0 = 0;
        for (int b = 0; b < shape[0]; b++) {
            for (int oy = 0; oy < hw[0]; oy++) {
                for (int ox = 0; ox < hw[1]; ox++) {
                    for (int o = 0; o < out; o++) {
                        float g = dy[o0++];
                        for (int dyy = 0; dyy < kh; dyy++) {
                            int iy = oy * spec.stride()[0] - top + dyy;
                            for (int dxx = 0; dxx < kw; dxx++) {
                                int ix = ox * spec.stride()[1] - left + dxx;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue;
                                }
                                for (int i = 0; i < inPer; i++) {
                                    dx[((b * h + iy) * w + ix) * c + o / outPer * inPer + i] += g
                                            * k[((dyy * kw + dxx) * inPer + i) * out + o];
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] f = new float[dx.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) dx[i];
        }
        return Nd4j.create(f, shape, 'c');
    }

    private static float[] values(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static INDArray keep(List<INDArray> made, INDArray a) {
        made.add(a);
        return a;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        float[] e = expected.data().asFloat();
        float[] a = actual.data().asFloat();
        double largest = 0;
        double diff = 0;
        for (int i = 0; i < e.length; i++) {
            largest = Math.max(largest, Math.abs(e[i]));
            diff = Math.max(diff, Math.abs(e[i] - a[i]));
        }
        assertTrue(largest > 0, what + ": all zero");
        assertTrue(diff <= RELATIVE * largest, what + ": off by " + diff + " of " + largest);
    }
}
