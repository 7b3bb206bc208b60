package org.convscope.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model as the engine runs it: nodes in topological order, nested models already inlined.
 * Built from the core's graph model by {@link ModelGraphs}, or directly (tests, benchmarks).
 *
 * @param name    the model's name, for messages
 * @param layers  the nodes, each after the nodes it reads
 * @param inputs  the InputLayer nodes that take the model's inputs, in input order
 * @param aliases other names for nodes' outputs (a nested model's name for its output layer, a
 *                nested input layer's name for what feeds it): alias → node name
 */
public record NetworkSpec(String name, List<LayerSpec> layers, List<String> inputs, Map<String, String> aliases) {

    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        layers = List.copyOf(layers);
        inputs = inputs == null
                ? layers.stream().filter(l -> "InputLayer".equals(l.kerasClass())).map(LayerSpec::name).toList()
                : List.copyOf(inputs);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    }

    /** A network whose inputs are its InputLayer nodes in order, without aliases. */
    public NetworkSpec(String name, List<LayerSpec> layers) {
        this(name, layers, null, null);
    }

    /** @return the input layers' names, in input order */
    public List<String> inputNames() {
        return inputs;
    }

    /** @return the node that {@code name} designates (itself unless it is an alias) */
    public String resolve(String name) {
        return aliases.getOrDefault(name, name);
    }
}
