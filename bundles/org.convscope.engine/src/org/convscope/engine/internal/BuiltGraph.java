package org.convscope.engine.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.engine.LayerFailure;
import org.convscope.engine.ops.OpOutput;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A SameDiff graph built for one set of input shapes (the batch size stays open). A forward graph
 * grows as requests need more layers ({@link SameDiffBuilder#extend}); a gradient graph is built
 * whole.
 */
final class BuiltGraph {

    private final SameDiff sd;
    private final List<String> placeholders;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, LayerFailure> failures = new LinkedHashMap<>();
    private final Set<String> fed = new HashSet<>();
    private final ObjectiveVars objective;

    private BuiltGraph(SameDiff sd, List<String> placeholders, ObjectiveVars objective) {
        this.sd = sd;
        this.placeholders = placeholders;
        this.objective = objective;
    }

    /** @param inputs how many input placeholders the graph may get (they are added as needed) */
    static BuiltGraph empty(SameDiff sd, int inputs, ObjectiveVars objective) {
        return new BuiltGraph(sd, new ArrayList<>(Collections.nCopies(inputs, null)), objective);
    }

    /** @return this graph, its objective variables named */
    BuiltGraph withObjective(ObjectiveVars vars) {
        BuiltGraph g = new BuiltGraph(sd, placeholders, vars);
        g.variables.putAll(variables);
        g.shapes.putAll(shapes);
        g.failures.putAll(failures);
        g.fed.addAll(fed);
        return g;
    }

    /** @return the graph */
    SameDiff sd() {
        return sd;
    }

    /**
     * @return the input placeholders' names, in input order; {@code null} for an input the graph
     *         does not read (yet)
     */
    List<String> placeholders() {
        return placeholders;
    }

    /** @return layer name → graph variable holding its output, for layers built */
    Map<String, String> variables() {
        return variables;
    }

    /** @return layer name → output shape without the batch axis, for layers built */
    Map<String, long[]> shapes() {
        return shapes;
    }

    /** @return layer name → why it could not be built */
    Map<String, LayerFailure> failures() {
        return failures;
    }

    /**
     * @return for a gradient graph, the objective weights placeholder and the per-item objective;
     *         {@code null} for a forward graph
     */
    ObjectiveVars objective() {
        return objective;
    }

    /** @return whether the layer was built or found failing */
    boolean holds(String layer) {
        return variables.containsKey(layer) || failures.containsKey(layer);
    }

    /** @return the output of a layer built, or {@code null} */
    OpOutput output(String layer) {
        String v = variables.get(layer);
        return v == null ? null : new OpOutput(sd.getVariable(v), shapes.get(layer));
    }

    void put(String layer, OpOutput out) {
        variables.put(layer, out.variable().name());
        shapes.put(layer, out.shape());
    }

    /** Holds {@code layer}'s output as a value the caller feeds: the layer itself is not built. */
    void feed(String layer, OpOutput out) {
        put(layer, out);
        fed.add(layer);
    }

    /** @return whether the layer was built from its weights here (not failing, not fed) */
    boolean built(String layer) {
        return variables.containsKey(layer) && !fed.contains(layer);
    }

    /** Names of the variables a gradient graph adds. */
    record ObjectiveVars(String weights, String perItem) {
    }
}
