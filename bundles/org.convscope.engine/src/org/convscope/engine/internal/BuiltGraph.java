package org.convscope.engine.internal;

import java.util.List;
import java.util.Map;

import org.convscope.engine.LayerFailure;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A SameDiff graph built for one set of input shapes (the batch size stays open).
 *
 * @param sd           the graph
 * @param placeholders the input placeholders' names, in input order
 * @param variables    layer name → graph variable holding its output, for layers that could be built
 * @param shapes       layer name → output shape without the batch axis
 * @param failures     layer name → why it could not be built
 * @param objective    for a gradient graph: the objective weights placeholder and the per-item
 *                     objective; {@code null} for a forward graph
 */
record BuiltGraph(SameDiff sd, List<String> placeholders, Map<String, String> variables, Map<String, long[]> shapes,
        Map<String, LayerFailure> failures, ObjectiveVars objective) {

    /** Names of the variables a gradient graph adds. */
    record ObjectiveVars(String weights, String perItem) {
    }
}
