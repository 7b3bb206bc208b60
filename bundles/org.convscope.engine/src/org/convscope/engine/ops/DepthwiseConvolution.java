package org.convscope.engine.ops;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * DepthwiseConv2D and SeparableConv2D (a depthwise convolution followed by a 1×1 convolution).
 * Keras's depthwise kernel (kH, kW, C, multiplier) is libnd4j's own layout, and both order the
 * output channels as {@code c * multiplier + m}.
 */
final class DepthwiseConvolution {

    private DepthwiseConvolution() {
    }

    static void register(OpRegistry r) {
        r.register(DepthwiseConvolution::depthwise, "DepthwiseConv2D");
        r.register(DepthwiseConvolution::separable, "SeparableConv2D", "SeparableConvolution2D");
    }

    private static OpOutput depthwise(OpContext ctx) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        INDArray kernel = ctx.weight(0);
        INDArray bias = Convolution.bias(ctx, c);
        Geometry g = geometry(ctx, kernel);
        SDVariable y = depthwise(ctx, g, kernel, bias);
        return Activations.applyConfigured(ctx, y, g.outShape(kernel.size(2) * kernel.size(3)));
    }

    private static OpOutput separable(OpContext ctx) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        INDArray depthKernel = ctx.weight(0);
        INDArray pointKernel = ctx.weight(1);
        INDArray bias = c.bool("use_bias", true) ? ctx.weight(2) : null;
        Geometry g = geometry(ctx, depthKernel);
        SDVariable mid = depthwise(ctx, g, depthKernel, null);
        SDVariable y = Convolution.conv(ctx, mid, pointKernel, bias, new int[] { 1, 1 }, new int[] { 1, 1 },
                new int[] { 1, 1 }, PaddingMode.VALID);
        return Activations.applyConfigured(ctx, y, g.outShape(pointKernel.size(3)));
    }

    private static SDVariable depthwise(OpContext ctx, Geometry g, INDArray kernel, INDArray bias) {
        int[] k = g.k;
        if (g.dil[0] != 1 || g.dil[1] != 1) {
            // see Convolution.dilate: the oneDNN path rejects dilation
            kernel = Convolution.dilate(kernel, g.dil);
            k = new int[] { (int) kernel.size(0), (int) kernel.size(1) };
        }
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(g.stride[0]).sW(g.stride[1])
                .dH(1).dW(1).paddingMode(Windows.mode(g.same)).dataFormat(Conv2DConfig.NHWC)
                .weightsFormat(WeightsFormat.YXIO).build();
        SDVariable w = ctx.constant(kernel);
        return bias == null
                ? ctx.sd().cnn().depthWiseConv2d(g.x, w, cfg)
                : ctx.sd().cnn().depthWiseConv2d(g.x, w, ctx.constant(bias), cfg);
    }

    private static Geometry geometry(OpContext ctx, INDArray kernel) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        c.requireChannelsLast();
        OpOutput in = ctx.input();
        if (in.shape().length != 3) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.expectsImageRank, in.shape().length));
        }
        return new Geometry(in.variable(), in.shape(), new int[] { (int) kernel.size(0), (int) kernel.size(1) },
                c.ints("strides", 2, 1), c.ints("dilation_rate", 2, 1), Windows.isSame(c));
    }

    private record Geometry(SDVariable x, long[] in, int[] k, int[] stride, int[] dil, boolean same) {

        long[] outShape(long channels) {
            return new long[] { Windows.outLength(in[0], k[0], stride[0], dil[0], same),
                    Windows.outLength(in[1], k[1], stride[1], dil[1], same), channels };
        }
    }
}
