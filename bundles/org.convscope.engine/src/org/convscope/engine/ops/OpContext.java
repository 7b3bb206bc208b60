package org.convscope.engine.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What an operation sees of its layer: the graph under construction, the Keras config, the
 * weights (already on the native side, in Keras's layout and order) and the inputs.
 */
public final class OpContext {

    private final SameDiff sd;
    private final String layerName;
    private final String kerasClass;
    private final OpConfig config;
    private final List<INDArray> weights;
    private final List<OpOutput> inputs;
    private final Map<String, Object> arguments;

    public OpContext(SameDiff sd, String layerName, String kerasClass, OpConfig config, List<INDArray> weights,
            List<OpOutput> inputs, Map<String, Object> arguments) {
        this.arguments = arguments == null ? Map.of() : arguments;
        this.sd = sd;
        this.layerName = layerName;
        this.kerasClass = kerasClass;
        this.config = config;
        this.weights = List.copyOf(weights);
        this.inputs = List.copyOf(inputs);
    }

    public SameDiff sd() {
        return sd;
    }

    public String layerName() {
        return layerName;
    }

    public String kerasClass() {
        return kerasClass;
    }

    public OpConfig config() {
        return config;
    }

    public List<OpOutput> inputs() {
        return inputs;
    }

    /**
     * The call's non-tensor arguments (see {@link org.convscope.engine.LayerSpec#arguments()}).
     *
     * @return the arguments, empty when the layer was called with tensors only
     */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** @return the only input; fails for a merge layer's several inputs */
    public OpOutput input() throws UnsupportedConfigException {
        if (inputs.size() != 1) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.expectsOneInput, inputs.size()));
        }
        return inputs.get(0);
    }

    /** @return weight {@code i} in Keras's order; fails with a clear message when missing */
    public INDArray weight(int i) throws UnsupportedConfigException {
        if (i >= weights.size()) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.missingWeight, i, weights.size()));
        }
        return weights.get(i);
    }

    /** Adds a constant (a weight or a derived array) to the graph; constants get no gradient. */
    public SDVariable constant(INDArray value) {
        return sd.constant(value);
    }

    /**
     * @return {@code weight}'s memory seen with another shape of the same length, as an array of
     *         its own rather than a view when {@code weight} is dense: SameDiff copies a view it is
     *         given as a constant, which would hold the weight twice and keep it from being replaced
     *         in place ({@link org.convscope.engine.Network#withWeights})
     */
    public static INDArray reshaped(INDArray weight, long... shape) {
        if (weight.isView() || weight.ordering() != 'c' || weight.data().length() != weight.length()) {
            return weight.reshape('c', shape);
        }
        return Nd4j.create(weight.data(), shape);
    }

    /**
     * Reshapes a per-feature vector so that it broadcasts against an activation of {@code rank}
     * axes (batch included) along {@code axis}, e.g. {@code [C]} to {@code [1,1,1,C]}. Explicit
     * ranks keep ND4J's broadcasting unambiguous.
     */
    public static INDArray alongAxis(INDArray vector, int rank, int axis) {
        long[] shape = new long[rank];
        Arrays.fill(shape, 1);
        shape[axis] = vector.length();
        return vector.reshape('c', shape);
    }
}
