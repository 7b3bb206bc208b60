package org.convscope.engine;

import java.util.Map;
import java.util.Optional;

import org.convscope.core.tensor.Tensor;

/**
 * The activations of one forward pass: every requested layer that could be computed, and for
 * the others the reason they could not.
 *
 * @param outputs  layer name → output (NHWC or (N, units), batch axis kept)
 * @param failures layer name → why it has no output
 */
public record ForwardResult(Map<String, Tensor> outputs, Map<String, LayerFailure> failures) {

    public ForwardResult {
        outputs = Map.copyOf(outputs);
        failures = Map.copyOf(failures);
    }

    /**
     * @return the output of {@code layer}
     * @throws LayerNotRunnableException when the layer could not be computed
     * @throws IllegalArgumentException  when the layer was not requested
     */
    public Tensor output(String layer) {
        Tensor t = outputs.get(layer);
        if (t != null) {
            return t;
        }
        LayerFailure f = failures.get(layer);
        if (f != null) {
            throw new LayerNotRunnableException(f);
        }
        throw new IllegalArgumentException("no layer '" + layer + "' in this result");
    }

    /** @return the first failure, if any layer failed */
    public Optional<LayerFailure> firstFailure() {
        return failures.values().stream().findFirst();
    }
}
