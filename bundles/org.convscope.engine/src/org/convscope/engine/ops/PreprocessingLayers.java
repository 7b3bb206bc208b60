package org.convscope.engine.ops;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Preprocessing layers that models carry inside them: Rescaling and Normalization. */
final class PreprocessingLayers {

    /** Keras's backend epsilon, the floor Normalization puts under the standard deviation. */
    private static final double EPSILON = 1e-7;

    private PreprocessingLayers() {
    }

    static void register(OpRegistry r) {
        r.register(PreprocessingLayers::rescaling, "Rescaling");
        r.register(PreprocessingLayers::normalization, "Normalization");
    }

    private static OpOutput rescaling(OpContext ctx) throws UnsupportedConfigException {
        OpOutput in = ctx.input();
        int rank = in.shape().length + 1;
        SDVariable scale = broadcastConstant(ctx, ctx.config().doubles("scale"), rank);
        SDVariable y = in.variable().mul(scale);
        if (ctx.config().has("offset")) {
            y = y.add(broadcastConstant(ctx, ctx.config().doubles("offset"), rank));
        }
        return new OpOutput(y, in.shape());
    }

    /**
     * {@code (x - mean) / max(sqrt(variance), eps)}, or its inverse; mean and variance come from
     * the config when given there, else from the adapted weights (mean, variance, count).
     */
    private static OpOutput normalization(OpContext ctx) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        OpOutput in = ctx.input();
        int rank = in.shape().length + 1;
        INDArray mean;
        INDArray variance;
        if (c.has("mean") && c.has("variance")) {
            mean = vector(c.doubles("mean"));
            variance = vector(c.doubles("variance"));
        } else {
            mean = ctx.weight(0).castTo(DataType.FLOAT);
            variance = ctx.weight(1).castTo(DataType.FLOAT);
        }
        if (c.has("axis") && c.intList("axis").size() == 1) {
            int axis = c.intList("axis").get(0);
            axis = axis < 0 ? axis + rank : axis;
            mean = OpContext.alongAxis(mean.ravel(), rank, axis);
            variance = OpContext.alongAxis(variance.ravel(), rank, axis);
        } else if (mean.rank() != rank) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.normalizationAxis, c.raw("axis")));
        }
        INDArray std = Transforms.max(Transforms.sqrt(variance, true), EPSILON, false);
        SDVariable x = in.variable();
        SDVariable y = c.bool("invert", false)
                ? x.mul(ctx.constant(std)).add(ctx.constant(mean))
                : x.sub(ctx.constant(mean)).div(ctx.constant(std));
        return new OpOutput(y, in.shape());
    }

    private static INDArray vector(double[] values) {
        return Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    }

    /** A scalar, or one value per channel when the config lists several. */
    private static SDVariable broadcastConstant(OpContext ctx, double[] values, int rank) {
        INDArray v = vector(values);
        return ctx.constant(
                values.length == 1 ? v.reshape('c', new long[] { 1 }) : OpContext.alongAxis(v, rank, rank - 1));
    }
}
