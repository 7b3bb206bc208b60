package org.convscope.ui.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.ui.graph.GraphModel.GraphEdge;
import org.convscope.ui.graph.GraphModel.GraphGroup;
import org.convscope.ui.graph.GraphModel.GraphNode;

/**
 * A graph with every box, frame and edge placed, in graph pixels (zoom 1, origin top left). The
 * result of {@link GraphLayout}; painting, hit testing and export read it. Immutable.
 *
 * @param model     the graph laid out
 * @param geometry  how boxes were sized
 * @param leftRight whether it flows left to right (else top down)
 * @param boxes     one per node, in model order
 * @param frames    one per expanded nested model, outer ones first
 * @param paths     one per edge
 * @param width     the extent of the drawing
 * @param height    the extent of the drawing
 */
public record LaidOutGraph(GraphModel model, NodeGeometry geometry, boolean leftRight, List<Box> boxes,
        List<Frame> frames, List<Path> paths, double width, double height) {

    public LaidOutGraph {
        boxes = List.copyOf(boxes);
        frames = List.copyOf(frames);
        paths = List.copyOf(paths);
    }

    /** A placed rectangle. */
    public interface Placed {

        /** @return left */
        double x();

        /** @return top */
        double y();

        /** @return width */
        double w();

        /** @return height */
        double h();

        /** @param px x @param py y @return whether the point lies inside */
        default boolean contains(double px, double py) {
            return px >= x() && py >= y() && px < x() + w() && py < y() + h();
        }

        /** @return whether the +/− square at the top right contains the point */
        default boolean toggleContains(double px, double py) {
            double tx = x() + w() - NodeGeometry.TOGGLE - 4;
            double ty = y() + 4;
            return px >= tx - 2 && py >= ty - 2 && px < tx + NodeGeometry.TOGGLE + 2
                    && py < ty + NodeGeometry.TOGGLE + 2;
        }
    }

    /**
     * A placed box.
     *
     * @param node the node
     */
    public record Box(GraphNode node, double x, double y, double w, double h) implements Placed {
    }

    /**
     * A placed frame around an expanded nested model.
     *
     * @param group the group
     */
    public record Frame(GraphGroup group, double x, double y, double w, double h) implements Placed {

        /** A frame's − sits before its title, which may be wider than the layers inside. */
        @Override
        public boolean toggleContains(double px, double py) {
            double tx = x + 4;
            double ty = y + 4;
            return px >= tx - 2 && py >= ty - 2 && px < tx + NodeGeometry.TOGGLE + 2
                    && py < ty + NodeGeometry.TOGGLE + 2;
        }
    }

    /**
     * A routed edge.
     *
     * @param edge   the edge
     * @param points x0, y0, x1, y1, ... from source to target
     * @param label  where its shape label goes, or null when it has none
     */
    public record Path(GraphEdge edge, double[] points, Label label) {
    }

    /**
     * A placed edge label.
     *
     * @param text the text
     */
    public record Label(String text, double x, double y, double w, double h) implements Placed {
    }

    /** @return boxes by node id */
    public Map<String, Box> boxesById() {
        Map<String, Box> map = new LinkedHashMap<>();
        boxes.forEach(b -> map.put(b.node().id(), b));
        return Collections.unmodifiableMap(map);
    }
}
