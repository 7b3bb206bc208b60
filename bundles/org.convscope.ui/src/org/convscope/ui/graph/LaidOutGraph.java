package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.convscope.ui.graph.GraphModel.GraphEdge;
import org.convscope.ui.graph.GraphModel.GraphGroup;
import org.convscope.ui.graph.GraphModel.GraphNode;

/**
 * A graph with every box, frame and edge placed, in graph pixels (zoom 1, origin top left). The
 * result of {@link GraphLayout}; painting, hit testing and export read it. Immutable. Painting and
 * hit testing ask for what lies in a rectangle ({@link #boxesIn}, {@link #pathsIn}), which a grid of
 * cells answers without looking at the rest, so a frame costs what is on the screen, not what the
 * graph holds.
 */
public final class LaidOutGraph {

    /** Room around an edge's bounds for its arrow head and a label's text overhang. */
    private static final double MARGIN = 10;
    /** Cells of the spatial index, at most; cells grow beyond their minimum side to stay below it. */
    private static final int MAX_CELLS = 1 << 16;
    private static final double MIN_CELL = 256;

    private final GraphModel model;
    private final NodeGeometry geometry;
    private final boolean leftRight;
    private final List<Box> boxes;
    private final List<Frame> frames;
    private final List<Path> paths;
    private final double width;
    private final double height;
    private final Map<String, Box> byId;
    private final double cell;
    private final int columns;
    private final int rows;
    /** Per cell, the indices of the boxes (then of the paths) that reach into it. */
    private final int[][] boxCells;
    private final int[][] pathCells;

    /**
     * @param model     the graph laid out
     * @param geometry  how boxes were sized
     * @param leftRight whether it flows left to right (else top down)
     * @param boxes     one per node, in model order
     * @param frames    one per unfolded group, outer ones first
     * @param paths     one per edge
     * @param width     the extent of the drawing
     * @param height    the extent of the drawing
     */
    public LaidOutGraph(GraphModel model, NodeGeometry geometry, boolean leftRight, List<Box> boxes,
            List<Frame> frames, List<Path> paths, double width, double height) {
        this.model = model;
        this.geometry = geometry;
        this.leftRight = leftRight;
        this.boxes = List.copyOf(boxes);
        this.frames = List.copyOf(frames);
        this.paths = List.copyOf(paths);
        this.width = width;
        this.height = height;
        Map<String, Box> map = new LinkedHashMap<>();
        this.boxes.forEach(b -> map.put(b.node().id(), b));
        this.byId = Collections.unmodifiableMap(map);
        double area = Math.max(1, width) * Math.max(1, height);
        this.cell = Math.max(MIN_CELL, Math.sqrt(area / MAX_CELLS));
        this.columns = Math.max(1, (int) Math.ceil(width / cell));
        this.rows = Math.max(1, (int) Math.ceil(height / cell));
        List<double[]> boxBounds = new ArrayList<>();
        this.boxes.forEach(b -> boxBounds.add(new double[] { b.x(), b.y(), b.w(), b.h() }));
        List<double[]> pathBounds = new ArrayList<>();
        this.paths.forEach(p -> pathBounds.add(bounds(p)));
        this.boxCells = index(boxBounds);
        this.pathCells = index(pathBounds);
    }

    /** @return the graph laid out */
    public GraphModel model() {
        return model;
    }

    /** @return how boxes were sized */
    public NodeGeometry geometry() {
        return geometry;
    }

    /** @return whether it flows left to right (else top down) */
    public boolean leftRight() {
        return leftRight;
    }

    /** @return one box per node, in model order */
    public List<Box> boxes() {
        return boxes;
    }

    /** @return one frame per unfolded group, outer ones first */
    public List<Frame> frames() {
        return frames;
    }

    /** @return one path per edge, in model order */
    public List<Path> paths() {
        return paths;
    }

    /** @return the extent of the drawing */
    public double width() {
        return width;
    }

    /** @return the extent of the drawing */
    public double height() {
        return height;
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
        return byId;
    }

    /**
     * @param rect x, y, width, height in graph pixels
     * @return the boxes that reach into it, in model order
     */
    public List<Box> boxesIn(double[] rect) {
        List<Box> out = new ArrayList<>();
        for (int i : query(boxCells, rect)) {
            Box b = boxes.get(i);
            if (intersects(b.x(), b.y(), b.w(), b.h(), rect)) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * @param rect x, y, width, height in graph pixels
     * @return the paths whose line or label may reach into it, in model order
     */
    public List<Path> pathsIn(double[] rect) {
        List<Path> out = new ArrayList<>();
        for (int i : query(pathCells, rect)) {
            double[] b = bounds(paths.get(i));
            if (intersects(b[0], b[1], b[2], b[3], rect)) {
                out.add(paths.get(i));
            }
        }
        return out;
    }

    /** @return the bounds of a path's points and label, widened for its arrow head */
    private static double[] bounds(Path p) {
        double[] pts = p.points();
        if (pts.length < 2) {
            return new double[] { 0, 0, 0, 0 };
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int k = 0; k + 1 < pts.length; k += 2) {
            minX = Math.min(minX, pts[k]);
            maxX = Math.max(maxX, pts[k]);
            minY = Math.min(minY, pts[k + 1]);
            maxY = Math.max(maxY, pts[k + 1]);
        }
        Label l = p.label();
        if (l != null) {
            minX = Math.min(minX, l.x());
            maxX = Math.max(maxX, l.x() + l.w() + 4);
            minY = Math.min(minY, l.y());
            maxY = Math.max(maxY, l.y() + l.h());
        }
        return new double[] { minX - MARGIN, minY - MARGIN, maxX - minX + 2 * MARGIN, maxY - minY + 2 * MARGIN };
    }

    private static boolean intersects(double x, double y, double w, double h, double[] r) {
        return x < r[0] + r[2] && r[0] < x + w && y < r[1] + r[3] && r[1] < y + h;
    }

    private int[][] index(List<double[]> bounds) {
        int[] counts = new int[columns * rows];
        for (double[] b : bounds) {
            forCells(b, c -> counts[c]++);
        }
        int[][] cells = new int[counts.length][];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int i = 0; i < bounds.size(); i++) {
            int item = i;
            forCells(bounds.get(i), c -> cells[c][counts[c]++] = item);
        }
        return cells;
    }

    private void forCells(double[] b, IntConsumer action) {
        int c0 = clamp((int) Math.floor(b[0] / cell), columns);
        int c1 = clamp((int) Math.floor((b[0] + b[2]) / cell), columns);
        int r0 = clamp((int) Math.floor(b[1] / cell), rows);
        int r1 = clamp((int) Math.floor((b[1] + b[3]) / cell), rows);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                action.accept(r * columns + c);
            }
        }
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    /** @return the indices of the items in the cells the rectangle touches, each once, ascending */
    private int[] query(int[][] cells, double[] rect) {
        BitSet found = new BitSet();
        forCells(rect, c -> {
            for (int i : cells[c]) {
                found.set(i);
            }
        });
        return found.stream().toArray();
    }
}
