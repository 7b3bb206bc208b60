package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.convscope.core.model.Layer;
import org.convscope.core.model.TensorShape;
import org.convscope.ui.graph.GraphModel.GraphEdge;

/**
 * Finds layers by name, Keras class, output shape or the attributes their boxes show, as the
 * view's find bar asks: every layer of the model, those inside folded groups and nested models
 * too, so the view can unfold what hides a match.
 */
public final class GraphFinder {

    private GraphFinder() {
    }

    /**
     * @param model the graph
     * @param query text, matched case-insensitively as a substring of the name, the class, the
     *              output shape as Keras prints it ({@code 26, 26} finds {@code (None, 26, 26, 32)})
     *              or as a run measured it on the layer's edges, or an attribute line of its box
     *              ({@code kernel 3×3}, {@code strides 2×2}, {@code relu})
     * @return the ids of the matching layers, depth first in model order; empty for a blank query
     */
    public static List<String> find(GraphModel model, String query) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>();
        if (q.isEmpty()) {
            return hits;
        }
        Set<String> measured = new HashSet<>();
        for (GraphEdge e : model.edges()) {
            if (e.measured() && e.label().toLowerCase(Locale.ROOT).contains(q)) {
                measured.add(e.source());
            }
        }
        for (Layer l : model.graph().allLayers()) {
            if (measured.contains(l.id()) || matches(l, q)) {
                hits.add(l.id());
            }
        }
        return hits;
    }

    private static boolean matches(Layer l, String q) {
        if (l.name().toLowerCase(Locale.ROOT).contains(q) || l.kerasClass().toLowerCase(Locale.ROOT).contains(q)) {
            return true;
        }
        for (TensorShape s : l.outputShapes()) {
            if (s.toString().toLowerCase(Locale.ROOT).contains(q)) {
                return true;
            }
        }
        for (String line : NodeText.attributes(l)) {
            if (line.toLowerCase(Locale.ROOT).contains(q)) {
                return true;
            }
        }
        String fused = NodeText.fusedActivation(l);
        return fused != null && fused.toLowerCase(Locale.ROOT).contains(q);
    }
}
