package org.convscope.core.keras;

import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** The arithmetic of sliding windows (convolution, pooling) along one spatial axis, as Keras does it. */
final class Spatial {

    private Spatial() {
    }

    /**
     * The output length of a convolution or pooling window.
     *
     * @param in       the input length, null if unfixed
     * @param kernel   the window length
     * @param stride   the step
     * @param dilation the dilation (1 for pooling)
     * @param padding  {@code valid}, {@code same}, {@code causal} or {@code full}
     * @return the output length, null if the input length is unfixed
     * @throws ShapeException if the window does not fit or the padding is unknown
     */
    static Integer convLength(Integer in, int kernel, int stride, int dilation, String padding) {
        if (stride < 1 || kernel < 1 || dilation < 1) {
            throw new ShapeException(MessageBundles.bind(Messages.windowNotPositive, kernel, stride, dilation));
        }
        if (in == null) {
            return null;
        }
        long effective = (long) dilation * (kernel - 1) + 1;
        long length;
        switch (padding) {
            case "valid" :
                length = in - effective < 0 ? 0 : (in - effective) / stride + 1;
                break;
            case "same" :
            case "causal" :
                length = in == 0 ? 0 : (in - 1) / stride + 1;
                break;
            case "full" :
                length = (in + effective - 1 - 1) / stride + 1;
                break;
            default :
                throw new ShapeException(MessageBundles.bind(Messages.unknownPadding, padding));
        }
        if (length <= 0) {
            throw new ShapeException(MessageBundles.bind(Messages.windowDoesNotFit, effective, in));
        }
        return (int) length;
    }

    /**
     * The output length of a transposed convolution (Keras's {@code deconv_output_length}).
     *
     * @param in            the input length, null if unfixed
     * @param kernel        the kernel length
     * @param stride        the step
     * @param dilation      the dilation
     * @param padding       {@code valid}, {@code same} or {@code full}
     * @param outputPadding the extra length, or null when not given
     * @return the output length, null if the input length is unfixed
     */
    static Integer deconvLength(Integer in, int kernel, int stride, int dilation, String padding,
            Integer outputPadding) {
        if (in == null) {
            return null;
        }
        long k = kernel + (long) (kernel - 1) * (dilation - 1);
        long length;
        if (outputPadding == null) {
            switch (padding) {
                case "valid" :
                    length = (long) in * stride + Math.max(k - stride, 0);
                    break;
                case "full" :
                    length = (long) in * stride - (stride + k - 2);
                    break;
                case "same" :
                    length = (long) in * stride;
                    break;
                default :
                    throw new ShapeException(MessageBundles.bind(Messages.unknownPadding, padding));
            }
        } else {
            long pad;
            switch (padding) {
                case "same" :
                    pad = k / 2;
                    break;
                case "valid" :
                    pad = 0;
                    break;
                case "full" :
                    pad = k - 1;
                    break;
                default :
                    throw new ShapeException(MessageBundles.bind(Messages.unknownPadding, padding));
            }
            length = (long) (in - 1) * stride + k - 2 * pad + outputPadding;
        }
        if (length <= 0 || length > Integer.MAX_VALUE) {
            throw new ShapeException(MessageBundles.bind(Messages.transposedLength, length));
        }
        return (int) length;
    }

    /**
     * @param rank          the number of spatial axes
     * @param channelsFirst whether the channel axis precedes them
     * @return the index of the first spatial axis in the full shape (batch first)
     */
    static int firstSpatialAxis(int rank, boolean channelsFirst) {
        return channelsFirst ? 2 : 1;
    }

    /**
     * @param in            a known shape
     * @param channelsFirst whether the channel axis is 1 rather than last
     * @return the channel dimension, null if unfixed
     */
    static Integer channels(TensorShape in, boolean channelsFirst) {
        return channelsFirst ? in.dim(1) : in.dim(-1);
    }

    /**
     * @param a    a factor, may be null
     * @param b    a factor
     * @return the product, null if {@code a} is null
     */
    static Integer times(Integer a, int b) {
        return a == null ? null : Math.multiplyExact(a, b);
    }
}
