package org.convscope.ui.graph;

import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.graph.LaidOutGraph.Frame;

/** What lies under a point of a laid out graph. Needs no display. */
public final class GraphHits {

    /** What a point hit. */
    public enum Kind {
        /** A box: select it. */
        NODE,
        /** The + of a folded group: unfold it. */
        EXPAND,
        /** The − of an unfolded group's frame: fold it. */
        COLLAPSE
    }

    /**
     * @param kind what was hit
     * @param id   the node or group id
     */
    public record Hit(Kind kind, String id) {
    }

    private GraphHits() {
    }

    /**
     * @param graph the graph
     * @param x     x in graph pixels
     * @param y     y in graph pixels
     * @return what is under the point, or null for empty space
     */
    public static Hit at(LaidOutGraph graph, double x, double y) {
        for (Box b : graph.boxesIn(new double[] { x, y, 1, 1 })) {
            if (b.contains(x, y)) {
                if (b.node().expandable() && b.toggleContains(x, y)) {
                    return new Hit(Kind.EXPAND, b.node().id());
                }
                return new Hit(Kind.NODE, b.node().id());
            }
        }
        // Innermost frames come last; test them first so a click reaches the nearest toggle.
        for (int i = graph.frames().size() - 1; i >= 0; i--) {
            Frame f = graph.frames().get(i);
            if (f.contains(x, y) && f.toggleContains(x, y)) {
                return new Hit(Kind.COLLAPSE, f.group().id());
            }
        }
        return null;
    }

    /**
     * @param graph the graph
     * @param x     x in graph pixels
     * @param y     y in graph pixels
     * @return the id of the innermost unfolded group whose frame holds the point, or null
     */
    public static String frameAt(LaidOutGraph graph, double x, double y) {
        for (int i = graph.frames().size() - 1; i >= 0; i--) {
            Frame f = graph.frames().get(i);
            if (f.contains(x, y)) {
                return f.group().id();
            }
        }
        return null;
    }
}
