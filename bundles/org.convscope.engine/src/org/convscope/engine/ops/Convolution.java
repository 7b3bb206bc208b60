package org.convscope.engine.ops;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Conv2D and Conv1D. The kernel stays in Keras's HWIO layout (libnd4j's YXIO) and activations in
 * NHWC, the combination that libnd4j hands to oneDNN without a transpose. Conv1D runs as a Conv2D
 * of height 1, so it shares that fast path; causal padding is an explicit left pad.
 */
final class Convolution {

    private Convolution() {
    }

    static void register(OpRegistry r) {
        r.register(Convolution::conv2d, "Conv2D", "Convolution2D");
        r.register(Convolution::conv1d, "Conv1D", "Convolution1D");
    }

    private static OpOutput conv2d(OpContext ctx) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        c.requireChannelsLast();
        OpOutput in = ctx.input();
        long[] s = in.shape();
        if (s.length != 3) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.expectsImageRank, s.length));
        }
        INDArray kernel = ctx.weight(0);
        int[] k = { (int) kernel.size(0), (int) kernel.size(1) };
        int[] stride = c.ints("strides", 2, 1);
        int[] dil = c.ints("dilation_rate", 2, 1);
        boolean same = Windows.isSame(c);
        int groups = c.integer("groups", 1);
        SDVariable y = groups == 1
                ? conv(ctx, in.variable(), kernel, bias(ctx, c), k, stride, dil, Windows.mode(same))
                : grouped(ctx, in.variable(), s[2], groups, kernel, bias(ctx, c), k, stride, dil, Windows.mode(same));
        long[] out = { Windows.outLength(s[0], k[0], stride[0], dil[0], same),
                Windows.outLength(s[1], k[1], stride[1], dil[1], same), kernel.size(3) };
        return Activations.applyConfigured(ctx, y, out);
    }

    private static OpOutput conv1d(OpContext ctx) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        c.requireChannelsLast();
        requireSingleGroup(c);
        OpOutput in = ctx.input();
        long[] s = in.shape();
        if (s.length != 2) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.expectsSequenceRank, s.length));
        }
        INDArray kernel = ctx.weight(0);
        int k = (int) kernel.size(0);
        int stride = c.ints("strides", 1, 1)[0];
        int dil = c.ints("dilation_rate", 1, 1)[0];
        String padding = c.string("padding", "valid");
        SameDiff sd = ctx.sd();
        SDVariable x = sd.expandDims(in.variable(), 1);
        long steps = s[0];
        boolean same = false;
        if ("causal".equals(padding)) {
            int left = (k - 1) * dil;
            x = sd.nn().pad(x,
                    sd.constant(Nd4j.createFromArray(new int[][] { { 0, 0 }, { 0, 0 }, { left, 0 }, { 0, 0 } })), 0);
            steps += left;
        } else {
            same = Windows.isSame(c);
        }
        INDArray kernel2d = OpContext.reshaped(kernel, 1, k, kernel.size(1), kernel.size(2));
        SDVariable y = conv(ctx, x, kernel2d, bias(ctx, c), new int[] { 1, k }, new int[] { 1, stride },
                new int[] { 1, dil }, Windows.mode(same));
        y = sd.squeeze(y, 1);
        long[] out = { Windows.outLength(steps, k, stride, dil, same), kernel.size(2) };
        return Activations.applyConfigured(ctx, y, out);
    }

    /**
     * A grouped convolution as one convolution per group on its slice of the channels, joined
     * again: group g reads input channels {@code [g·Cin/G, (g+1)·Cin/G)} and makes output channels
     * {@code [g·Cout/G, (g+1)·Cout/G)}, Keras's layout of a grouped kernel (kH, kW, Cin/G, Cout).
     */
    private static SDVariable grouped(OpContext ctx, SDVariable x, long channels, int groups, INDArray kernel,
            INDArray bias, int[] k, int[] stride, int[] dil, PaddingMode mode) throws UnsupportedConfigException {
        long inPer = kernel.size(2);
        long outPer = kernel.size(3) / groups;
        if (inPer * groups != channels || outPer * groups != kernel.size(3)) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.groupsDoNotDivide, groups));
        }
        SDVariable[] parts = new SDVariable[groups];
        for (int g = 0; g < groups; g++) {
            // masks 7: take batch, height and width whole
            SDVariable slice = ctx.sd().stridedSlice(x, new long[] { 0, 0, 0, g * inPer },
                    new long[] { 0, 0, 0, (g + 1) * inPer }, new long[] { 1, 1, 1, 1 }, 7, 7, 0, 0, 0);
            INDArray w = kernel.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(g * outPer, (g + 1) * outPer)).dup('c');
            INDArray b = bias == null ? null : bias.get(NDArrayIndex.interval(g * outPer, (g + 1) * outPer)).dup('c');
            parts[g] = conv(ctx, slice, w, b, k, stride, dil, mode);
        }
        return ctx.sd().concat(3, parts);
    }

    static SDVariable conv(OpContext ctx, SDVariable x, INDArray kernel, INDArray bias, int[] k, int[] stride,
            int[] dil,
            PaddingMode mode) {
        if (dil[0] != 1 || dil[1] != 1) {
            kernel = dilate(kernel, dil);
            k = new int[] { (int) kernel.size(0), (int) kernel.size(1) };
            dil = new int[] { 1, 1 };
        }
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(stride[0]).sW(stride[1]).dH(dil[0]).dW(dil[1])
                .paddingMode(mode).dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
        SDVariable w = ctx.constant(kernel);
        SDVariable[] args = bias == null ? new SDVariable[] { x, w } : new SDVariable[] { x, w, ctx.constant(bias) };
        if (stride[0] == 1 && stride[1] == 1 && dil[0] == 1 && dil[1] == 1) {
            return new InputGradientConv2D(ctx.sd(), args, cfg).outputVariable();
        }
        return bias == null ? ctx.sd().cnn().conv2d(x, w, cfg) : ctx.sd().cnn().conv2d(x, w, args[2], cfg);
    }

    /**
     * Spreads a kernel's taps {@code dilation} apart with zeros between them. libnd4j 1.0.0-M2.1's
     * oneDNN path rejects dilated convolutions ("could not create a descriptor for a dilated
     * convolution"), and a dilated convolution equals an undilated one with this kernel. Works for
     * any kernel whose first two axes are height and width (HWIO, depthwise HWCM).
     */
    static INDArray dilate(INDArray kernel, int[] dilation) {
        long kh = kernel.size(0);
        long kw = kernel.size(1);
        long[] shape = kernel.shape();
        shape[0] = (kh - 1) * dilation[0] + 1;
        shape[1] = (kw - 1) * dilation[1] + 1;
        INDArray out = Nd4j.zeros(kernel.dataType(), shape);
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                out.get(NDArrayIndex.point(i * dilation[0]), NDArrayIndex.point(j * dilation[1]), NDArrayIndex.all(),
                        NDArrayIndex.all())
                        .assign(kernel.get(NDArrayIndex.point(i), NDArrayIndex.point(j), NDArrayIndex.all(),
                                NDArrayIndex.all()));
            }
        }
        return out;
    }

    /** @return the bias (the weight after the kernel) when {@code use_bias}, else {@code null} */
    static INDArray bias(OpContext ctx, OpConfig c) throws UnsupportedConfigException {
        return c.bool("use_bias", true) ? ctx.weight(1) : null;
    }

    private static void requireSingleGroup(OpConfig c) throws UnsupportedConfigException {
        if (c.integer("groups", 1) != 1) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.groupedConvolution, c.raw("groups")));
        }
    }
}
