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
 */
public record LayerSpec(String name, String kerasClass, Map<String, Object> config, List<String> inbound,
        WeightSource weights) {

    public LayerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kerasClass, "kerasClass");
        config = config == null ? Map.of() : config;
        inbound = List.copyOf(inbound);
        weights = weights == null ? WeightSource.NONE : weights;
    }
}
