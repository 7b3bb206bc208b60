package org.convscope.engine.internal;

import java.util.List;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Pointwise convolutions — a 1×1 kernel (1, 1, in, out), channels last, no explicit padding, any
 * stride — as matrix products, forward and back. On channels-last activations such a convolution
 * is the (N·H·W, in) input times the (in, out) kernel, which libnd4j hands to oneDNN's matmul on
 * the arrays as they are (plain row-major layouts: no reorder).
 * libnd4j's {@code conv2d} instead hands oneDNN its operands in layouts of "any" kind, so each
 * call reorders the input, the kernel and the output into oneDNN's blocked layouts and the output
 * back, each reorder into a buffer allocated for the call: four reorders per convolution, which
 * took twice the convolutions' own time in a ResNet50 forward pass (RESULTS.md, session 10).
 * ResNet50 has 36 such convolutions of 53, MobileNetV2 34 of 52 (and 17 depthwise).
 * <p>
 * Only for a batch of two or more ({@link #batched}): for one image oneDNN's own 1×1 convolution
 * ({@code jit_1x1}) on small activations was as fast as the matrix product, reorders included,
 * and a warm Grad-CAM of ResNet50 measured slower with the product (session 10); for a batch of
 * 16 the product took half the convolution's time.
 * <p>
 * A strided one reads every s-th row and column (a 1×1 kernel needs no padding, "same" or
 * "valid"), so it runs on that subsample, copied once; its input gradient is the product's,
 * spread back to those rows and columns, zero elsewhere.
 */
final class Pointwise {

    private Pointwise() {
    }

    /**
     * @return whether {@code op} is a convolution this class runs: 1×1, channels last, a (kH, kW,
     *         in, out) kernel, no explicit padding
     */
    static boolean applies(DifferentialFunction op) {
        if (!(op instanceof Conv2D c)) {
            return false;
        }
        long[] a = c.iArgs();
        return a.length > 9 && a[0] == 1 && a[1] == 1 && a[4] == 0 && a[5] == 0 && a[9] == 1
                && (a.length < 11 || a[10] == 0);
    }

    /** @return whether {@code x}, the input of a convolution, holds two or more batch items */
    static boolean batched(INDArray x) {
        return x != null && x.rank() == 4 && x.size(0) >= 2;
    }

    /** @return whether {@code a} is a float array of rank 4 in C order on a buffer of its own size */
    static boolean plain(INDArray a) {
        return a != null && a.rank() == 4 && a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isView()
                && a.data().length() == a.length();
    }

    /** @return the (sH, sW) strides of a convolution {@link #applies} takes */
    static long[] strides(DifferentialFunction op) {
        long[] a = ((Conv2D) op).iArgs();
        return new long[] { a[2], a[3] };
    }

    /**
     * The convolution's output, into an array of {@code pool}'s added to {@code made}.
     *
     * @param x      (N, H, W, in), {@link #plain}
     * @param kernel (1, 1, in, out), {@link #plain}
     * @param bias   (out), or {@code null}
     */
    static INDArray forward(INDArray x, INDArray kernel, INDArray bias, long[] strides, BufferPool pool,
            List<INDArray> made) {
        long in = kernel.size(2);
        long out = kernel.size(3);
        INDArray sampled = strided(strides) ? pool.take(subsampled(x.shape(), strides)) : x;
        try {
            if (sampled != x) {
                sampled.assign(x.get(every(x.shape(), strides)));
            }
            long[] s = sampled.shape();
            INDArray z = pool.take(s[0], s[1], s[2], out);
            made.add(z);
            long m = s[0] * s[1] * s[2];
            INDArray z2 = z.reshape('c', m, out);
            Nd4j.getBlasWrapper().level3().gemm(sampled.reshape('c', m, in), kernel.reshape('c', in, out), z2, false,
                    false, 1.0, 0.0);
            if (bias != null) {
                Nd4j.exec(new BroadcastAddOp(z2, bias, z2, 1));
            }
            return z;
        } finally {
            if (sampled != x) {
                pool.give(sampled);
            }
        }
    }

    /**
     * The input gradient, never the kernel's.
     *
     * @param dy     the output's gradient, {@link #plain}
     * @param kernel (1, 1, in, out), {@link #plain}
     * @param dx     the input's gradient (N, H, W, in), C order, written whole
     */
    static void backward(INDArray dy, INDArray kernel, long[] strides, INDArray dx, BufferPool pool) {
        long in = kernel.size(2);
        long out = kernel.size(3);
        long[] s = dy.shape();
        long m = s[0] * s[1] * s[2];
        INDArray sampled = strided(strides) ? pool.take(s[0], s[1], s[2], in) : dx;
        try {
            Nd4j.getBlasWrapper().level3().gemm(dy.reshape('c', m, out), kernel.reshape('c', in, out),
                    sampled.reshape('c', m, in), false, true, 1.0, 0.0);
            if (sampled != dx) {
                dx.assign(0);
                dx.get(every(dx.shape(), strides)).assign(sampled);
            }
        } finally {
            if (sampled != dx) {
                pool.give(sampled);
            }
        }
    }

    private static boolean strided(long[] strides) {
        return strides[0] != 1 || strides[1] != 1;
    }

    /** @return the shape of every {@code strides}-th row and column of an (N, H, W, C) array */
    private static long[] subsampled(long[] shape, long[] strides) {
        return new long[] { shape[0], (shape[1] - 1) / strides[0] + 1, (shape[2] - 1) / strides[1] + 1, shape[3] };
    }

    /** @return the index of every {@code strides}-th row and column of an (N, H, W, C) array */
    private static INDArrayIndex[] every(long[] shape, long[] strides) {
        return new INDArrayIndex[] { NDArrayIndex.all(), NDArrayIndex.interval(0, strides[0], shape[1]),
                NDArrayIndex.interval(0, strides[1], shape[2]), NDArrayIndex.all() };
    }
}
