package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.convscope.core.model.TensorShape;
import org.convscope.ui.graph.GraphModel.GraphEdge;
import org.convscope.ui.graph.GraphModel.GraphNode;

/** Finds boxes by layer name, Keras class or output shape, as the view's find bar asks. */
public final class GraphFinder {

    private GraphFinder() {
    }

    /**
     * @param model the graph
     * @param query text, matched case-insensitively as a substring of the name, the class, or the
     *              output shape as Keras prints it ({@code 26, 26} finds {@code (None, 26, 26, 32)})
     * @return the ids of the matching boxes in model order; empty for a blank query
     */
    public static List<String> find(GraphModel model, String query) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>();
        if (q.isEmpty()) {
            return hits;
        }
        for (GraphNode n : model.nodes()) {
            if (matches(n, q, model)) {
                hits.add(n.id());
            }
        }
        return hits;
    }

    private static boolean matches(GraphNode n, String q, GraphModel model) {
        if (n.layer().name().toLowerCase(Locale.ROOT).contains(q)
                || n.layer().kerasClass().toLowerCase(Locale.ROOT).contains(q)) {
            return true;
        }
        for (TensorShape s : n.layer().outputShapes()) {
            if (s.toString().toLowerCase(Locale.ROOT).contains(q)) {
                return true;
            }
        }
        for (GraphEdge e : model.edges()) {
            if (e.source().equals(n.id()) && e.label().toLowerCase(Locale.ROOT).contains(q)) {
                return true;
            }
        }
        return false;
    }
}
