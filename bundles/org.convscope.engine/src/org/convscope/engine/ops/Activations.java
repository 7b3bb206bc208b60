package org.convscope.engine.ops;

import java.util.Map;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Keras's activation functions by name, as Keras 3 defines them. Several are composed from
 * primitives rather than taken from ND4J's namesakes because the definitions differ: Keras 3's
 * {@code hard_sigmoid} is {@code relu6(x + 3) / 6} (Keras 2 and ND4J use {@code 0.2x + 0.5}),
 * {@code gelu} is the exact erf form, and {@code leaky_relu} defaults to a slope of 0.2.
 */
public final class Activations {

    /** An activation applied to a variable of the given rank (batch axis included). */
    @FunctionalInterface
    interface Fn {

        SDVariable apply(SameDiff sd, SDVariable x, int rank);
    }

    /**
     * Keras 1 and 2 defined {@code hard_sigmoid} as {@code clip(0.2x + 0.5, 0, 1)}; the adapter
     * renames it to this for models written in those dialects.
     */
    public static final String KERAS2_HARD_SIGMOID = "hard_sigmoid (Keras 2)";

    private static final Map<String, Fn> FUNCTIONS = Map.ofEntries(
            Map.entry("linear", (sd, x, r) -> x),
            Map.entry("relu", (sd, x, r) -> sd.nn().relu(x, 0)),
            Map.entry("relu6", (sd, x, r) -> sd.nn().relu6(x, 0)),
            Map.entry("sigmoid", (sd, x, r) -> sd.nn().sigmoid(x)),
            Map.entry("hard_sigmoid", (sd, x, r) -> hardSigmoid(sd, x)),
            Map.entry(KERAS2_HARD_SIGMOID, (sd, x, r) -> sd.math().clipByValue(x.mul(0.2).add(0.5), 0, 1)),
            Map.entry("hard_swish", (sd, x, r) -> x.mul(hardSigmoid(sd, x))),
            Map.entry("hard_silu", (sd, x, r) -> x.mul(hardSigmoid(sd, x))),
            Map.entry("tanh", (sd, x, r) -> sd.math().tanh(x)),
            Map.entry("softmax", (sd, x, r) -> sd.nn().softmax(x, r - 1)),
            Map.entry("log_softmax", (sd, x, r) -> sd.nn().logSoftmax(x, r - 1)),
            Map.entry("swish", (sd, x, r) -> x.mul(sd.nn().sigmoid(x))),
            Map.entry("silu", (sd, x, r) -> x.mul(sd.nn().sigmoid(x))),
            Map.entry("gelu", (sd, x, r) -> gelu(sd, x)),
            Map.entry("elu", (sd, x, r) -> elu(sd, x, 1.0)),
            Map.entry("selu", (sd, x, r) -> sd.nn().selu(x)),
            Map.entry("leaky_relu", (sd, x, r) -> sd.nn().leakyRelu(x, 0.2)),
            Map.entry("softplus", (sd, x, r) -> sd.nn().softplus(x)),
            Map.entry("softsign", (sd, x, r) -> sd.nn().softsign(x)),
            Map.entry("exponential", (sd, x, r) -> sd.math().exp(x)),
            Map.entry("mish", (sd, x, r) -> x.mul(sd.math().tanh(sd.nn().softplus(x)))),
            Map.entry("log_sigmoid", (sd, x, r) -> sd.nn().softplus(x.neg()).neg()),
            Map.entry("hard_tanh", (sd, x, r) -> sd.math().clipByValue(x, -1, 1)),
            Map.entry("celu", (sd, x, r) -> elu(sd, x, 1.0)),
            Map.entry("squareplus", (sd, x, r) -> x.add(sd.math().sqrt(sd.math().square(x).add(4.0))).mul(0.5)),
            Map.entry("tanh_shrink", (sd, x, r) -> x.sub(sd.math().tanh(x))),
            Map.entry("soft_shrink", (sd, x, r) -> sd.nn().relu(x.sub(0.5), 0).sub(sd.nn().relu(x.neg().sub(0.5), 0))),
            Map.entry("hard_shrink", (sd, x, r) -> x.mul(sd.castTo(sd.gt(sd.math().abs(x), sd.constant(0.5f)),
                    DataType.FLOAT))),
            Map.entry("sparse_plus", (sd, x, r) -> sparsePlus(sd, x)));

    private Activations() {
    }

    /**
     * @param name Keras's name of the activation
     * @param rank the rank of {@code x}, batch included (softmax works on the last axis)
     */
    public static SDVariable apply(SameDiff sd, SDVariable x, String name, int rank)
            throws UnsupportedConfigException {
        Fn fn = FUNCTIONS.get(name);
        if (fn == null) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.activationNotSupported, name));
        }
        return fn.apply(sd, x, rank);
    }

    /** Applies the {@code activation} entry of a layer's config to its raw output. */
    static OpOutput applyConfigured(OpContext ctx, SDVariable x, long[] shape) throws UnsupportedConfigException {
        SDVariable y = apply(ctx.sd(), x, ctx.config().activation(), shape.length + 1);
        return new OpOutput(y, shape);
    }

    /** 0 below −1, x above 1, {@code (x + 1)² / 4} between: one smooth expression for all three. */
    static SDVariable sparsePlus(SameDiff sd, SDVariable x) {
        SDVariable c = sd.math().clipByValue(x, -1, 1);
        return sd.math().square(c.add(1.0)).mul(0.25).add(sd.nn().relu(x.sub(1.0), 0));
    }

    static SDVariable hardSigmoid(SameDiff sd, SDVariable x) {
        return sd.nn().relu6(x.add(3.0), 0).div(6.0);
    }

    static SDVariable gelu(SameDiff sd, SDVariable x) {
        return x.mul(sd.math().erf(x.mul(1.0 / Math.sqrt(2.0))).add(1.0)).mul(0.5);
    }

    /** {@code x} for positive inputs, {@code alpha (e^x - 1)} otherwise. */
    static SDVariable elu(SameDiff sd, SDVariable x, double alpha) {
        SDVariable negative = sd.math().exp(sd.math().min(x, sd.constant(0f))).sub(1.0).mul(alpha);
        return sd.nn().relu(x, 0).add(negative);
    }
}
