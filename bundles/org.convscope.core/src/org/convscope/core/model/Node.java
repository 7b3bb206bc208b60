package org.convscope.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call of a layer: the tensors it takes and the shapes it gives. A layer shared by several
 * parts of a model has one node per call.
 *
 * @param inbound      the input tensors, in call order; empty for an input layer
 * @param inputShapes  the shapes of those tensors, as inferred
 * @param outputShapes the shapes of the call's outputs, as inferred (unknown ones marked)
 * @param arguments    the non-tensor keyword arguments Keras recorded for the call
 *                     (e.g. {@code training}); never code
 */
public record Node(List<InboundRef> inbound, List<TensorShape> inputShapes, List<TensorShape> outputShapes,
        Map<String, Object> arguments) {

    public Node {
        inbound = List.copyOf(inbound);
        inputShapes = List.copyOf(inputShapes);
        outputShapes = List.copyOf(outputShapes);
        // Config values may be null, which Map.copyOf refuses.
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(arguments, "arguments")));
    }

    /** @return the shape of the first (usually only) output, unknown if there is none */
    public TensorShape outputShape() {
        return outputShapes.isEmpty() ? TensorShape.unknown() : outputShapes.get(0);
    }
}
