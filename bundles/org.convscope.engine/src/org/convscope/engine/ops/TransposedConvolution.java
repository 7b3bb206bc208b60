package org.convscope.engine.ops;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;

/**
 * Conv2DTranspose. Keras's kernel (kH, kW, out, in) is libnd4j's default deconv2d layout, so it
 * goes in unchanged.
 */
final class TransposedConvolution {

    private TransposedConvolution() {
    }

    static void register(OpRegistry r) {
        r.register(TransposedConvolution::deconv2d, "Conv2DTranspose", "Convolution2DTranspose");
    }

    private static OpOutput deconv2d(OpContext ctx) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        c.requireChannelsLast();
        if (c.has("output_padding")) {
            throw new UnsupportedConfigException(Messages.outputPadding);
        }
        OpOutput in = ctx.input();
        long[] s = in.shape();
        INDArray kernel = ctx.weight(0);
        INDArray bias = Convolution.bias(ctx, c);
        int[] k = { (int) kernel.size(0), (int) kernel.size(1) };
        int[] stride = c.ints("strides", 2, 1);
        int[] dil = c.ints("dilation_rate", 2, 1);
        if (dil[0] != 1 || dil[1] != 1) {
            throw new UnsupportedConfigException(Messages.dilatedTransposed);
        }
        boolean same = Windows.isSame(c);
        DeConv2DConfig cfg = DeConv2DConfig.builder().kH(k[0]).kW(k[1]).sH(stride[0]).sW(stride[1]).dH(1).dW(1)
                .isSameMode(same).dataFormat(DeConv2DConfig.NHWC).build();
        SDVariable w = ctx.constant(kernel);
        SDVariable y = bias == null
                ? ctx.sd().cnn().deconv2d(in.variable(), w, cfg)
                : ctx.sd().cnn().deconv2d(in.variable(), w, ctx.constant(bias), cfg);
        long[] out = new long[3];
        for (int i = 0; i < 2; i++) {
            out[i] = same ? s[i] * stride[i] : s[i] * stride[i] + Math.max(k[i] - stride[i], 0);
        }
        out[2] = kernel.size(2);
        return Activations.applyConfigured(ctx, y, out);
    }
}
