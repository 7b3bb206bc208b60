package org.convscope.engine;

import java.util.Objects;

import org.convscope.core.tensor.Tensor;

/**
 * What to differentiate: {@code Σ output(layer) ⊙ weights}, summed over everything but kept per
 * batch item in {@link GradientResult#objectivePerItem()}. {@code weights} has the output's rank
 * and broadcasts (each axis its full size or 1). This covers the visualisations:
 * <ul>
 * <li>mean of channel c of a conv layer, one channel per batch item: weights of shape
 * (N, 1, 1, C) holding {@code 1/(H·W)} at (n, c_n) — {@link #channelMeans};</li>
 * <li>a class score: weights (N, classes) one-hot — {@link #unit};</li>
 * <li>a border-free mean: weights of the full shape with a zero border.</li>
 * </ul>
 *
 * @param layer            the layer whose output is weighted
 * @param weights          the weights, broadcastable to the layer's output
 * @param beforeActivation when the layer ends in a ReLU (or ReLU6), weigh the value going into it
 *                         instead: a filter that is zero all over an image has no gradient there,
 *                         its pre-activation has. A concatenation of branches ending in ReLUs
 *                         (Inception's mixed blocks) counts as ending in them, channel by channel,
 *                         and so does a leaky ReLU on top of a ReLU.
 *                         Ignored for a layer not ending in ReLU, and where the engine falls back to
 *                         SameDiff's backward pass.
 * @param guided           guided backpropagation (Springenberg et al. 2015): every ReLU on the way
 *                         back passes the gradient only where both its input and the incoming
 *                         gradient are positive. Needs the engine's own backward pass; a network
 *                         that would fall back to SameDiff's fails with an {@code AnalysisException}.
 */
public record Objective(String layer, Tensor weights, boolean beforeActivation, boolean guided) {

    public Objective {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(weights, "weights");
    }

    /** The objective on the layer's output itself. */
    public Objective(String layer, Tensor weights) {
        this(layer, weights, false, false);
    }

    /** An objective with plain (not guided) gradients. */
    public Objective(String layer, Tensor weights, boolean beforeActivation) {
        this(layer, weights, beforeActivation, false);
    }

    /** @return this objective on the value before the layer's final ReLU */
    public Objective onPreActivation() {
        return new Objective(layer, weights, true, guided);
    }

    /** @return this objective with guided-backpropagation gradients */
    public Objective withGuidedBackprop() {
        return new Objective(layer, weights, beforeActivation, true);
    }

    /**
     * Batch item n maximises the mean of its own channel {@code channels[n]} of an
     * (N, H, W, C) output — the batched form of the filter-pattern loss.
     */
    public static Objective channelMeans(String layer, int height, int width, int channelCount, int... channels) {
        float[] w = new float[channels.length * channelCount];
        for (int n = 0; n < channels.length; n++) {
            w[n * channelCount + channels[n]] = 1f / (height * width);
        }
        return new Objective(layer, new Tensor(w, new int[] { channels.length, 1, 1, channelCount }));
    }

    /** Unit {@code units[n]} of an (N, units) output for batch item n — e.g. a class score. */
    public static Objective unit(String layer, int unitCount, int... units) {
        float[] w = new float[units.length * unitCount];
        for (int n = 0; n < units.length; n++) {
            w[n * unitCount + units[n]] = 1f;
        }
        return new Objective(layer, new Tensor(w, new int[] { units.length, unitCount }));
    }
}
