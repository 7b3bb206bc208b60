package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.convscope.ui.graph.GraphModel.GraphEdge;
import org.convscope.ui.graph.LaidOutGraph.Label;

/**
 * The interiors {@link GraphLayout} has placed for one model, one direction and one set of box
 * contents, so that unfolding a group lays out that group once, the first time, and then only the
 * levels around it. A level is an unfolded group's interior (or the top of the graph) for one
 * state of the groups unfolded inside it, in coordinates of its own. Safe to share between layout
 * jobs; make a new one when the model, the direction, the fonts or a run's figures change.
 */
public final class LayoutCache {

    /**
     * One level placed, in its own coordinates (origin top left).
     *
     * @param w     width
     * @param h     height
     * @param items where each box and frame directly in it went: x, y, width, height by id
     * @param paths the routes of the edges between its items, by edge
     */
    record Level(double w, double h, Map<String, double[]> items, Map<GraphEdge, Route> paths) {
    }

    /**
     * An edge routed inside a level.
     *
     * @param points x0, y0, x1, y1, ...
     * @param label  its label, or null
     */
    record Route(double[] points, Label label) {
    }

    private final NodeGeometry geometry;
    private final boolean leftRight;
    private final Map<String, Level> levels = new ConcurrentHashMap<>();
    private final List<String> laidOut = new ArrayList<>();
    private int nodes;

    /**
     * @param geometry  how boxes are sized
     * @param leftRight whether graphs flow left to right (else top down)
     */
    public LayoutCache(NodeGeometry geometry, boolean leftRight) {
        this.geometry = geometry;
        this.leftRight = leftRight;
    }

    /** @return how boxes are sized */
    public NodeGeometry geometry() {
        return geometry;
    }

    /** @return whether graphs flow left to right */
    public boolean leftRight() {
        return leftRight;
    }

    /**
     * @return the levels laid out so far, oldest first: the id of the unfolded group whose interior
     *         was placed, or the empty string for the top of the graph; a level taken from the cache
     *         is not listed
     */
    public synchronized List<String> levelsLaidOut() {
        return List.copyOf(laidOut);
    }

    /** @return how many boxes and frames the levels laid out so far placed */
    public synchronized int nodesLaidOut() {
        return nodes;
    }

    Level get(String key) {
        return levels.get(key);
    }

    void put(String key, String group, Level level) {
        levels.put(key, level);
        synchronized (this) {
            laidOut.add(group == null ? "" : group);
            nodes += level.items().size();
        }
    }
}
