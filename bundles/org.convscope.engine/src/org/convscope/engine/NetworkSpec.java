package org.convscope.engine;

import java.util.List;
import java.util.Objects;

/**
 * A model as the engine runs it: nodes in topological order, nested models already inlined.
 * Built from the core's graph model by {@link ModelGraphs}, or directly (tests, benchmarks).
 *
 * @param name   the model's name, for messages
 * @param layers the nodes, each after the nodes it reads; InputLayer nodes are the inputs, in order
 */
public record NetworkSpec(String name, List<LayerSpec> layers) {

    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        layers = List.copyOf(layers);
    }

    /** @return the InputLayer nodes' names, in order */
    public List<String> inputNames() {
        return layers.stream().filter(l -> "InputLayer".equals(l.kerasClass())).map(LayerSpec::name).toList();
    }
}
