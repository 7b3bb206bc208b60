package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.convscope.core.progress.CancelledException;
import org.convscope.ui.graph.GraphModel.GraphEdge;
import org.convscope.ui.graph.GraphModel.GraphGroup;
import org.convscope.ui.graph.GraphModel.GraphNode;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.graph.LaidOutGraph.Frame;
import org.convscope.ui.graph.LaidOutGraph.Label;
import org.convscope.ui.graph.LaidOutGraph.Path;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a {@link GraphModel} out with ELK's layered algorithm (Sugiyama style, as Netron's dagre
 * does): boxes in layers along the data flow, edges routed orthogonally with their shape labels
 * placed by ELK so nothing overlaps. One level at a time, as Google's Model Explorer does: each
 * unfolded group's interior is laid out on its own, its boxes and the frames of the groups
 * unfolded inside it, and then stands in the level around it as one node of its size. A
 * {@link LayoutCache} keeps every interior placed, so unfolding a group lays out that group (the
 * first time) and the levels holding it, not the graph. An edge between levels is routed in the
 * innermost level holding both ends, from frame to frame, and drawn on to its boxes. Needs no
 * display; runs in a background job.
 */
public final class GraphLayout {

    private static final double NODE_SPACING = 18;
    private static final double LAYER_SPACING = 26;
    private static final double ROOT_PADDING = 12;
    /** A frame's margin left, right and below its interior; above it there is the title too. */
    private static final double FRAME_MARGIN = 10;
    /** Bytes of stack for the layout thread: enough for ELK's recursion over ~100,000 nodes. */
    private static final long DEEP_STACK = 512L << 20;

    static {
        // ELK's option defaults are cloned through its meta data service; outside an Eclipse
        // runtime (tests, plain Java) nothing has registered the layered algorithm yet.
        LayoutMetaDataService service = LayoutMetaDataService.getInstance();
        if (service.getAlgorithmData(LayeredOptions.ALGORITHM_ID) == null) {
            service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        }
    }

    private GraphLayout() {
    }

    /**
     * @param model     the graph
     * @param geometry  how to size boxes
     * @param leftRight flow left to right rather than top down
     * @param cancelled asked now and then; when it says true the layout stops
     * @return the laid out graph
     * @throws CancelledException if cancelled
     */
    public static LaidOutGraph layout(GraphModel model, NodeGeometry geometry, boolean leftRight,
            BooleanSupplier cancelled) {
        return layout(model, new LayoutCache(geometry, leftRight), cancelled);
    }

    /**
     * @param model     the graph
     * @param cache     the interiors placed before for this model, direction and geometry; gets
     *                  the ones placed now
     * @param cancelled asked now and then; when it says true the layout stops
     * @return the laid out graph
     * @throws CancelledException if cancelled
     */
    public static LaidOutGraph layout(GraphModel model, LayoutCache cache, BooleanSupplier cancelled) {
        LaidOutGraph[] out = new LaidOutGraph[1];
        runWithDeepStack(() -> out[0] = new Levels(model, cache, cancelled).run());
        return out[0];
    }

    /** One layout: the levels of a model, from the innermost out, then put together. */
    private static final class Levels {

        private final GraphModel model;
        private final LayoutCache cache;
        private final NodeGeometry geometry;
        private final boolean leftRight;
        private final BooleanSupplier cancelled;
        private final Map<String, GraphGroup> frames = new HashMap<>();
        /** Per level (null for the top), the ids of the boxes and frames directly in it. */
        private final Map<String, List<String>> children = new HashMap<>();
        /** Per level, the edges whose ends it is the innermost level to hold. */
        private final Map<String, List<GraphEdge>> edges = new HashMap<>();
        private final Map<String, String> keys = new HashMap<>();
        private final Map<String, LayoutCache.Level> placed = new HashMap<>();

        Levels(GraphModel model, LayoutCache cache, BooleanSupplier cancelled) {
            this.model = model;
            this.cache = cache;
            this.geometry = cache.geometry();
            this.leftRight = cache.leftRight();
            this.cancelled = cancelled;
        }

        LaidOutGraph run() {
            for (GraphGroup g : model.groups()) {
                frames.put(g.id(), g);
                children.computeIfAbsent(g.parent(), k -> new ArrayList<>()).add(g.id());
            }
            for (GraphNode n : model.nodes()) {
                children.computeIfAbsent(n.group(), k -> new ArrayList<>()).add(n.id());
            }
            for (GraphEdge e : model.edges()) {
                edges.computeIfAbsent(commonLevel(e), k -> new ArrayList<>()).add(e);
            }
            key(null);
            place(null);

            Map<String, Box> boxes = new HashMap<>();
            List<Frame> placedFrames = new ArrayList<>();
            Map<GraphEdge, double[]> routes = new HashMap<>();
            Map<GraphEdge, Label> labels = new HashMap<>();
            compose(null, 0, 0, boxes, placedFrames, routes, labels);
            List<Box> ordered = new ArrayList<>();
            model.nodes().forEach(n -> ordered.add(boxes.get(n.id())));
            Map<String, Frame> frameById = new HashMap<>();
            placedFrames.forEach(f -> frameById.put(f.group().id(), f));
            List<Frame> orderedFrames = new ArrayList<>();
            model.groups().forEach(g -> orderedFrames.add(frameById.get(g.id())));
            List<Path> paths = new ArrayList<>();
            for (GraphEdge e : model.edges()) {
                paths.add(new Path(e, extend(e, routes.get(e), boxes, frameById), labels.get(e)));
            }
            LayoutCache.Level top = placed.get(null);
            return new LaidOutGraph(model, geometry, leftRight, ordered, orderedFrames, paths, top.w(), top.h());
        }

        /** @return the groups holding a box, outermost first */
        private List<String> groupsOf(String box) {
            List<String> chain = new ArrayList<>();
            for (String g = model.node(box).group(); g != null; g = frames.get(g).parent()) {
                chain.add(0, g);
            }
            return chain;
        }

        /** @return the innermost unfolded group holding both ends of an edge, or null for the top */
        private String commonLevel(GraphEdge e) {
            List<String> a = groupsOf(e.source());
            List<String> b = groupsOf(e.target());
            String level = null;
            for (int i = 0; i < Math.min(a.size(), b.size()) && a.get(i).equals(b.get(i)); i++) {
                level = a.get(i);
            }
            return level;
        }

        /** @return the box or frame directly in {@code level} that holds {@code box} (or is it) */
        private String itemIn(String level, String box) {
            List<String> chain = groupsOf(box);
            int i = level == null ? 0 : chain.indexOf(level) + 1;
            return i < chain.size() ? chain.get(i) : box;
        }

        /**
         * A level's cache key: its id and the groups unfolded inside it, which decide everything
         * it holds.
         */
        private String key(String level) {
            List<String> inside = new ArrayList<>();
            for (String c : children.getOrDefault(level, List.of())) {
                if (frames.containsKey(c)) {
                    inside.add(c + "(" + key(c) + ")");
                }
            }
            Collections.sort(inside);
            String k = (level == null ? "" : level) + "[" + String.join(",", inside) + "]";
            keys.put(level, k);
            return k;
        }

        /** Places a level, its frames' interiors first, or takes it from the cache. */
        private void place(String level) {
            for (String c : children.getOrDefault(level, List.of())) {
                if (frames.containsKey(c)) {
                    place(c);
                }
            }
            String k = keys.get(level);
            LayoutCache.Level known = cache.get(k);
            if (known == null) {
                checkCancel(cancelled);
                known = elk(level);
                cache.put(k, level, known);
            }
            placed.put(level, known);
        }

        private double[] frameSize(String group) {
            LayoutCache.Level inner = placed.get(group);
            return new double[] { inner.w() + 2 * FRAME_MARGIN,
                    inner.h() + geometry.headerHeight() + 6 + FRAME_MARGIN };
        }

        private LayoutCache.Level elk(String level) {
            ElkNode root = ElkGraphUtil.createGraph();
            root.setProperty(CoreOptions.DIRECTION, leftRight ? Direction.RIGHT : Direction.DOWN);
            root.setProperty(CoreOptions.SPACING_NODE_NODE, NODE_SPACING);
            root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, LAYER_SPACING);
            root.setProperty(CoreOptions.SPACING_EDGE_LABEL, 2.0);
            root.setProperty(CoreOptions.PADDING, new ElkPadding(level == null ? ROOT_PADDING : 0));
            // A model is one connected graph; skipping ELK's component split saves a pass. Inside a
            // group the parts may join only outside it, so there they are packed side by side.
            root.setProperty(LayeredOptions.SEPARATE_CONNECTED_COMPONENTS, level != null);
            Map<String, ElkNode> elkNodes = new LinkedHashMap<>();
            for (String id : children.getOrDefault(level, List.of())) {
                ElkNode e = ElkGraphUtil.createNode(root);
                if (frames.containsKey(id)) {
                    double[] size = frameSize(id);
                    e.setDimensions(size[0], size[1]);
                } else {
                    GraphNode n = model.node(id);
                    e.setDimensions(geometry.width(n), geometry.height(n));
                }
                elkNodes.put(id, e);
            }
            Map<ElkEdge, GraphEdge> edgeOf = new LinkedHashMap<>();
            for (GraphEdge edge : edges.getOrDefault(level, List.of())) {
                ElkEdge e = ElkGraphUtil.createSimpleEdge(elkNodes.get(itemIn(level, edge.source())),
                        elkNodes.get(itemIn(level, edge.target())));
                ElkLabel label = ElkGraphUtil.createLabel(edge.label(), e);
                label.setDimensions(geometry.labelWidth(edge.label()), geometry.lineHeight());
                label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
                edgeOf.put(e, edge);
            }
            new LayeredLayoutProvider().layout(root, new BasicProgressMonitor() {

                @Override
                public boolean isCanceled() {
                    return cancelled.getAsBoolean();
                }
            });
            checkCancel(cancelled);
            Map<String, double[]> items = new HashMap<>();
            elkNodes.forEach(
                    (id, e) -> items.put(id, new double[] { e.getX(), e.getY(), e.getWidth(), e.getHeight() }));
            Map<GraphEdge, LayoutCache.Route> routes = new HashMap<>();
            edgeOf.forEach((e, edge) -> routes.put(edge, route(e, root)));
            return new LayoutCache.Level(root.getWidth(), root.getHeight(), items, routes);
        }

        /** Puts a placed level at (x, y), and the interiors of its frames inside them. */
        private void compose(String level, double x, double y, Map<String, Box> boxes, List<Frame> out,
                Map<GraphEdge, double[]> routes, Map<GraphEdge, Label> labels) {
            LayoutCache.Level l = placed.get(level);
            for (String id : children.getOrDefault(level, List.of())) {
                double[] r = l.items().get(id);
                if (frames.containsKey(id)) {
                    out.add(new Frame(frames.get(id), x + r[0], y + r[1], r[2], r[3]));
                    compose(id, x + r[0] + FRAME_MARGIN, y + r[1] + geometry.headerHeight() + 6, boxes, out, routes,
                            labels);
                } else {
                    boxes.put(id, new Box(model.node(id), x + r[0], y + r[1], r[2], r[3]));
                }
            }
            l.paths().forEach((edge, route) -> {
                double[] pts = route.points().clone();
                for (int i = 0; i < pts.length; i++) {
                    pts[i] += i % 2 == 0 ? x : y;
                }
                routes.put(edge, pts);
                Label lb = route.label();
                if (lb != null) {
                    labels.put(edge, new Label(lb.text(), lb.x() + x, lb.y() + y, lb.w(), lb.h()));
                }
            });
        }

        /**
         * An edge routed between frames goes on to the box inside: straight when the box is the
         * first (or last) of its frame along the flow, else along the frame's gutter beside the
         * boxes, so that it does not cross the chain it runs past.
         */
        private double[] extend(GraphEdge e, double[] pts, Map<String, Box> boxes, Map<String, Frame> frameById) {
            if (pts.length < 2) {
                return pts;
            }
            String level = commonLevel(e);
            String from = itemIn(level, e.source());
            String into = itemIn(level, e.target());
            List<Double> out = new ArrayList<>();
            if (!from.equals(e.source())) {
                exit(boxes.get(e.source()), frameById.get(from), leftRight ? pts[0] : pts[1], out);
            }
            for (double v : pts) {
                out.add(v);
            }
            if (!into.equals(e.target())) {
                entry(boxes.get(e.target()), frameById.get(into),
                        leftRight ? pts[pts.length - 2] : pts[pts.length - 1], out);
            }
            double[] a = new double[out.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = out.get(i);
            }
            return a;
        }

        /**
         * Points from a box inside a frame out to where the route leaves the frame, {@code border}
         * along the flow.
         */
        private void exit(Box s, Frame f, double border, List<Double> out) {
            double sm = leftRight ? s.x() + s.w() : s.y() + s.h();
            double sc = leftRight ? s.y() + s.h() / 2 : s.x() + s.w() / 2;
            double end = (leftRight ? f.x() + f.w() : f.y() + f.h()) - FRAME_MARGIN;
            point(sm, sc, out);
            if (end - sm > LAYER_SPACING + 1) {
                double gutter = gutter(f);
                point(sm + 8, sc, out);
                point(sm + 8, gutter, out);
                point(border, gutter, out);
            }
        }

        /**
         * Points from where the route enters a frame, {@code border} along the flow, on into a box
         * inside it.
         */
        private void entry(Box t, Frame f, double border, List<Double> out) {
            double tm = leftRight ? t.x() : t.y();
            double tc = leftRight ? t.y() + t.h() / 2 : t.x() + t.w() / 2;
            double start = leftRight ? f.x() + FRAME_MARGIN : f.y() + geometry.headerHeight() + 6;
            if (tm - start > LAYER_SPACING + 1) {
                double gutter = gutter(f);
                point(border, gutter, out);
                point(tm - 8, gutter, out);
                point(tm - 8, tc, out);
            }
            point(tm, tc, out);
        }

        /** @return where routes run beside a frame's boxes: its left margin (top down) or bottom one */
        private double gutter(Frame f) {
            return leftRight ? f.y() + f.h() - FRAME_MARGIN / 2 : f.x() + FRAME_MARGIN / 2;
        }

        /** Adds a point given along the flow ({@code main}) and across it. */
        private void point(double main, double cross, List<Double> out) {
            out.add(leftRight ? main : cross);
            out.add(leftRight ? cross : main);
        }
    }

    /** @param g an unfolded group @return the title its frame shows */
    public static String frameTitle(GraphGroup g) {
        return g.title();
    }

    private static LayoutCache.Route route(ElkEdge e, ElkNode root) {
        // ELK gives edge coordinates relative to the edge's containing node.
        double[] o = origin(e.getContainingNode(), root);
        List<Double> pts = new ArrayList<>();
        for (ElkEdgeSection s : e.getSections()) {
            pts.add(s.getStartX());
            pts.add(s.getStartY());
            for (ElkBendPoint b : s.getBendPoints()) {
                pts.add(b.getX());
                pts.add(b.getY());
            }
            pts.add(s.getEndX());
            pts.add(s.getEndY());
        }
        double[] points = new double[pts.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = pts.get(i) + o[i % 2];
        }
        Label label = null;
        if (!e.getLabels().isEmpty()) {
            ElkLabel l = e.getLabels().get(0);
            label = new Label(l.getText(), o[0] + l.getX(), o[1] + l.getY(), l.getWidth(), l.getHeight());
        }
        return new LayoutCache.Route(points, label);
    }

    /** The absolute position of a node's coordinate system. */
    private static double[] origin(ElkNode node, ElkNode root) {
        double x = 0;
        double y = 0;
        for (ElkNode n = node; n != null && n != root; n = n.getParent()) {
            x += n.getX();
            y += n.getY();
        }
        return new double[] { x, y };
    }

    /**
     * Some ELK phases recurse once per node along a path (its connected-components search, for
     * one), so a model thousands of layers deep overflows a normal thread stack. The layout runs
     * on a thread of its own with a large stack instead.
     */
    private static void runWithDeepStack(Runnable layout) {
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                layout.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "convscope-graph-layout", DEEP_STACK);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
    }

    private static void checkCancel(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancelledException();
        }
    }
}
