package org.convscope.engine.internal;

import org.convscope.core.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input gradient of a depthwise convolution without its kernel's: the output gradient
 * zero-dilated by the stride (stride − 1 zeros between its elements) and bordered with zeros, then
 * a stride-1 "valid" depthwise convolution of that with the kernel rotated by 180°. libnd4j's
 * {@code depthwise_conv2d_bp}, the only other way M2.1 has (it has no grouped {@code deconv2d}),
 * also computes the kernel gradient, which the input gradient does not need.
 * <p>
 * With the convolution's top padding {@code p} (TensorFlow's "same": the smaller half of
 * {@code (out − 1)·stride + k − in}; "valid": 0), output row {@code o} reads input rows
 * {@code o·s − p … o·s − p + k − 1}, so input row {@code i} gets {@code Σ dy[o]·w[i + p − o·s]}: a
 * correlation with the rotated kernel of the dilated gradient placed {@code k − 1 − p} rows down in
 * a buffer of {@code in + k − 1} rows. The rows the convolution never read (the bottom of an odd
 * "valid" input) get zero because nothing but zeros faces them.
 */
final class StridedDepthwise {

    private StridedDepthwise() {
    }

    /**
     * Whether {@link #backward} takes a {@code depthwise_conv2d} with these integer arguments and
     * this kernel: one output per channel (a (kH, kW, channels, 1) kernel), no dilation, "same" or
     * "valid" without explicit padding, channels last.
     */
    static boolean applies(long[] a, INDArray kernel) {
        return kernel != null && kernel.rank() == 4 && kernel.size(3) == 1 && a.length > 9 && a[6] == 1
                && a[7] == 1 && a[4] == 0 && a[5] == 0 && a[9] == 1 && (a.length < 11 || a[10] == 0);
    }

    /**
     * Writes the input gradient into {@code dx}.
     *
     * @param a       the forward op's integer arguments (see {@link #applies})
     * @param rotated the kernel rotated by 180° ({@link #rotated})
     * @param dy      the output gradient, (batch, outH, outW, channels), c order
     * @param dx      the input gradient, (batch, inH, inW, channels)
     * @param pool    lends the bordered, dilated gradient for the duration of the call
     */
    static void backward(long[] a, INDArray rotated, INDArray dy, INDArray dx, BufferPool pool) {
        long kh = a[0];
        long kw = a[1];
        long sh = a[2];
        long sw = a[3];
        long inH = dx.size(1);
        long inW = dx.size(2);
        long outH = dy.size(1);
        long outW = dy.size(2);
        boolean same = a[8] == 1;
        long top = same ? Math.max((outH - 1) * sh + kh - inH, 0) / 2 : 0;
        long left = same ? Math.max((outW - 1) * sw + kw - inW, 0) / 2 : 0;
        long rowsAbove = kh - 1 - top;
        long columnsLeft = kw - 1 - left;
        INDArray z = pool.take(dx.size(0), inH + kh - 1, inW + kw - 1, dx.size(3));
        try {
            z.assign(0);
            // a view made by hand: ND4J's interval indexing gave wrong values, or an index out of range, for an axis of one element
            long channels = z.size(3);
            long rowStride = z.size(2) * channels;
            long[] shape = dy.shape();
            long[] strides = { z.size(1) * rowStride, sh * rowStride, sw * channels, 1 };
            Nd4j.create(z.data(), shape, strides, rowsAbove * rowStride + columnsLeft * channels, 'c').assign(dy);
            Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d").addInputs(z, rotated).addOutputs(dx)
                    .addIntegerArguments((int) kh, (int) kw, 1, 1, 0, 0, 1, 1, 0, 1, 0).build());
        } finally {
            pool.give(z);
        }
    }

    /** @return a (kH, kW, channels, 1) kernel rotated by 180° */
    static INDArray rotated(INDArray kernel) {
        Tensor k = NdArrays.toTensor(kernel);
        int[] s = k.shape();
        float[] src = k.data();
        float[] t = new float[src.length];
        int plane = s[2] * s[3];
        for (int i = 0; i < s[0]; i++) {
            for (int j = 0; j < s[1]; j++) {
                System.arraycopy(src, (i * s[1] + j) * plane, t, ((s[0] - 1 - i) * s[1] + s[1] - 1 - j) * plane, plane);
            }
        }
        return NdArrays.toNd(new Tensor(t, s));
    }
}
