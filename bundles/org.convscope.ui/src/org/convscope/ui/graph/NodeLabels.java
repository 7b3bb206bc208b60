package org.convscope.ui.graph;

import java.util.List;

import org.convscope.ui.graph.GraphModel.GraphNode;

/**
 * What a layer's box says, as Netron's View menu chooses it: the Keras class or the layer's name
 * in the header (Ctrl+U), and its configuration lines under it or none (Ctrl+D). Boxes of folded
 * groups keep their name and summary either way: those lines are what the box stands for.
 *
 * @param names      headers show the layer name instead of the Keras class
 * @param attributes boxes list the layer's key configuration (filters, kernel, strides, units ...)
 */
public record NodeLabels(boolean names, boolean attributes) {

    /** As a model opens: classes in the headers, attributes shown. */
    public static final NodeLabels DEFAULT = new NodeLabels(false, true);

    /** @return these labels with names turned on or off */
    public NodeLabels withNames(boolean on) {
        return new NodeLabels(on, attributes);
    }

    /** @return these labels with attributes turned on or off */
    public NodeLabels withAttributes(boolean on) {
        return new NodeLabels(names, on);
    }

    /** @param model a view model built with the default words @return it with these labels */
    public GraphModel apply(GraphModel model) {
        return equals(DEFAULT) ? model : model.withNodes(this::apply);
    }

    private GraphNode apply(GraphNode n) {
        if (n.expandable()) {
            return n;
        }
        String title = names ? n.layer().name() : n.title();
        List<String> lines = attributes ? n.attributes() : List.of();
        return new GraphNode(n.id(), n.layer(), title, lines, n.activation(), n.group(), n.stats(), n.folds());
    }
}
