package org.convscope.engine.ops;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Activation, ReLU, LeakyReLU, ELU, PReLU and Softmax layers. */
final class ActivationLayers {

    private ActivationLayers() {
    }

    static void register(OpRegistry r) {
        r.register(ActivationLayers::activation, "Activation");
        r.register(ActivationLayers::relu, "ReLU");
        r.register(ActivationLayers::leakyRelu, "LeakyReLU");
        r.register(ActivationLayers::elu, "ELU");
        r.register(ActivationLayers::prelu, "PReLU");
        r.register(ActivationLayers::softmax, "Softmax");
    }

    private static OpOutput activation(OpContext ctx) throws UnsupportedConfigException {
        OpOutput in = ctx.input();
        return Activations.applyConfigured(ctx, in.variable(), in.shape());
    }

    /** Keras's ReLU layer: threshold, negative slope below it, optional ceiling. */
    private static OpOutput relu(OpContext ctx) throws UnsupportedConfigException {
        OpOutput in = ctx.input();
        SameDiff sd = ctx.sd();
        SDVariable x = in.variable();
        OpConfig c = ctx.config();
        double slope = c.number("negative_slope", 0);
        double threshold = c.number("threshold", 0);
        double max = c.has("max_value") ? c.number("max_value", 0) : Double.NaN;
        SDVariable y = threshold == 0
                ? sd.nn().relu(x, 0)
                : x.mul(sd.castTo(sd.gt(x, sd.constant((float) threshold)), DataType.FLOAT));
        if (!Double.isNaN(max)) {
            y = sd.math().clipByValue(y, 0, max);
        }
        if (slope != 0) {
            y = y.sub(sd.nn().relu(x.rsub(threshold), 0).mul(slope));
        }
        return new OpOutput(y, in.shape());
    }

    private static OpOutput leakyRelu(OpContext ctx) throws UnsupportedConfigException {
        OpOutput in = ctx.input();
        // Keras 3 names it negative_slope (default 0.3 for the layer); Keras 2 called it alpha
        double slope = ctx.config().has("negative_slope")
                ? ctx.config().number("negative_slope", 0.3)
                : ctx.config().number("alpha", 0.3);
        return new OpOutput(ctx.sd().nn().leakyRelu(in.variable(), slope), in.shape());
    }

    private static OpOutput elu(OpContext ctx) throws UnsupportedConfigException {
        OpOutput in = ctx.input();
        double alpha = ctx.config().number("alpha", 1.0);
        return new OpOutput(Activations.elu(ctx.sd(), in.variable(), alpha), in.shape());
    }

    /** {@code max(0, x) - alpha * max(0, -x)} with a learned alpha, shared along shared_axes. */
    private static OpOutput prelu(OpContext ctx) throws UnsupportedConfigException {
        OpOutput in = ctx.input();
        INDArray alpha = ctx.weight(0);
        long[] withBatch = new long[alpha.rank() + 1];
        withBatch[0] = 1;
        System.arraycopy(alpha.shape(), 0, withBatch, 1, alpha.rank());
        SDVariable a = ctx.constant(alpha.reshape('c', withBatch));
        SameDiff sd = ctx.sd();
        SDVariable x = in.variable();
        SDVariable y = sd.nn().relu(x, 0).sub(sd.nn().relu(x.neg(), 0).mul(a));
        return new OpOutput(y, in.shape());
    }

    private static OpOutput softmax(OpContext ctx) throws UnsupportedConfigException {
        OpOutput in = ctx.input();
        int rank = in.shape().length + 1;
        int axis = ctx.config().has("axis") ? ctx.config().intList("axis").get(0) : -1;
        if (axis < 0) {
            axis += rank;
        }
        return new OpOutput(ctx.sd().nn().softmax(in.variable(), axis), in.shape());
    }
}
