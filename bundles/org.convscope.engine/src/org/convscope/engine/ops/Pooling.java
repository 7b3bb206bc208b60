package org.convscope.engine.ops;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * MaxPooling and AveragePooling in 1 and 2 dimensions. Averages exclude the padding, as
 * TensorFlow's do; 1-D pooling runs as 2-D pooling of height 1.
 */
final class Pooling {

    private Pooling() {
    }

    static void register(OpRegistry r) {
        r.register(ctx -> pool2d(ctx, true), "MaxPooling2D", "MaxPool2D");
        r.register(ctx -> pool2d(ctx, false), "AveragePooling2D", "AvgPool2D");
        r.register(ctx -> pool1d(ctx, true), "MaxPooling1D", "MaxPool1D");
        r.register(ctx -> pool1d(ctx, false), "AveragePooling1D", "AvgPool1D");
    }

    private static OpOutput pool2d(OpContext ctx, boolean max) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        c.requireChannelsLast();
        OpOutput in = ctx.input();
        long[] s = in.shape();
        if (s.length != 3) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.expectsImageRank, s.length));
        }
        int[] k = c.ints("pool_size", 2, 2);
        int[] stride = c.has("strides") ? c.ints("strides", 2, 1) : k;
        boolean same = Windows.isSame(c);
        SDVariable y = pool(ctx.sd(), in.variable(), k, stride, same, max);
        long[] out = { Windows.outLength(s[0], k[0], stride[0], 1, same),
                Windows.outLength(s[1], k[1], stride[1], 1, same),
                s[2] };
        return new OpOutput(y, out);
    }

    private static OpOutput pool1d(OpContext ctx, boolean max) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        c.requireChannelsLast();
        OpOutput in = ctx.input();
        long[] s = in.shape();
        if (s.length != 2) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.expectsSequenceRank, s.length));
        }
        int k = c.ints("pool_size", 1, 2)[0];
        int stride = c.has("strides") ? c.ints("strides", 1, 1)[0] : k;
        boolean same = Windows.isSame(c);
        SameDiff sd = ctx.sd();
        SDVariable y = pool(sd, sd.expandDims(in.variable(), 1), new int[] { 1, k }, new int[] { 1, stride }, same,
                max);
        return new OpOutput(sd.squeeze(y, 1), new long[] { Windows.outLength(s[0], k, stride, 1, same), s[1] });
    }

    private static SDVariable pool(SameDiff sd, SDVariable x, int[] k, int[] stride, boolean same, boolean max) {
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(stride[0]).sW(stride[1]).dH(1).dW(1)
                .paddingMode(Windows.mode(same)).isNHWC(true)
                .type(max ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG)
                .divisor(Pooling2D.Divisor.EXCLUDE_PADDING).build();
        return max ? sd.cnn().maxPooling2d(x, cfg) : sd.cnn().avgPooling2d(x, cfg);
    }
}
