package org.convscope.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of the execution graph: a Keras layer applied once.
 *
 * @param name       unique node name; the key of the layer's activations
 * @param kerasClass Keras class name, e.g. {@code Conv2D}
 * @param config     the layer's Keras config as plain JSON values
 * @param inbound    names of the nodes feeding this one, in Keras's argument order (empty for an
 *                   InputLayer)
 * @param weights    loads the layer's weights in Keras's order and layout when the network is built
 * @param arguments  the call's non-tensor arguments as Keras recorded them (plain JSON values); under
 *                   {@code args}, when present, the call's positional arguments in order, tensors
 *                   as Keras's {@code __keras_tensor__} entries and constants as values — how
 *                   Keras 3 writes {@code x + 3.0}
 */
public record LayerSpec(String name, String kerasClass, Map<String, Object> config, List<String> inbound,
        WeightSource weights, Map<String, Object> arguments) {

    public LayerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kerasClass, "kerasClass");
        config = config == null ? Map.of() : config;
        inbound = List.copyOf(inbound);
        weights = weights == null ? WeightSource.NONE : weights;
        arguments = arguments == null ? Map.of() : arguments;
    }

    /** A node called with tensors only. */
    public LayerSpec(String name, String kerasClass, Map<String, Object> config, List<String> inbound,
            WeightSource weights) {
        this(name, kerasClass, config, inbound, weights, null);
    }
}
