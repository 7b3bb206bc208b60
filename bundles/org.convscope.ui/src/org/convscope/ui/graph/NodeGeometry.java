package org.convscope.ui.graph;

import org.convscope.ui.graph.GraphModel.GraphNode;

/**
 * Where the parts of a box go: the header, attribute lines, the fused activation strip and the
 * statistics line. Layout sizes the boxes with it and painting and SVG export place text with it,
 * so all three agree.
 */
public final class NodeGeometry {

    /** Padding left and right of text, and above and below lines. */
    public static final int PAD = 6;
    /** Side of the +/− square on nested models. */
    public static final int TOGGLE = 11;
    private static final int MIN_WIDTH = 64;

    private final TextMeasure measure;

    /** @param measure the text measure */
    public NodeGeometry(TextMeasure measure) {
        this.measure = measure;
    }

    /** @return the height of the header band */
    public int headerHeight() {
        return measure.lineHeight() + PAD;
    }

    /** @return the height of one body line */
    public int lineHeight() {
        return measure.lineHeight();
    }

    /** @param node a box @return its width */
    public int width(GraphNode node) {
        int w = measure.width(node.title(), true) + (node.expandable() ? TOGGLE + PAD : 0);
        for (String line : node.attributes()) {
            w = Math.max(w, measure.width(line, false));
        }
        if (node.activation() != null) {
            w = Math.max(w, measure.width(node.activation(), true));
        }
        if (node.stats() != null) {
            w = Math.max(w, measure.width(node.stats(), false));
        }
        return Math.max(MIN_WIDTH, w + 2 * PAD);
    }

    /** @param node a box @return the height of its attribute block (zero when it has none) */
    public int bodyHeight(GraphNode node) {
        int lines = node.attributes().size() + (node.stats() == null ? 0 : 1);
        return lines == 0 ? 0 : lines * measure.lineHeight() + PAD;
    }

    /** @param node a box @return the height of its activation strip (zero when none) */
    public int activationHeight(GraphNode node) {
        return node.activation() == null ? 0 : measure.lineHeight() + 2;
    }

    /** @param node a box @return its height */
    public int height(GraphNode node) {
        return headerHeight() + bodyHeight(node) + activationHeight(node);
    }

    /** @param text a label @return the size of an edge label's box */
    public int labelWidth(String text) {
        return measure.width(text, false) + 4;
    }
}
