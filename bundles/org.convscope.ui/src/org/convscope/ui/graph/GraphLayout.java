package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.eclipse.elk.core.options.HierarchyHandling;
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
 * placed by ELK so nothing overlaps. Expanded nested models become compound nodes so their layers
 * stay together inside a frame. Needs no display; runs in a background job.
 */
public final class GraphLayout {

    private static final double NODE_SPACING = 18;
    private static final double LAYER_SPACING = 26;
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
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.DIRECTION, leftRight ? Direction.RIGHT : Direction.DOWN);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, NODE_SPACING);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, LAYER_SPACING);
        root.setProperty(CoreOptions.SPACING_EDGE_LABEL, 2.0);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(12));
        // A model is one connected graph; skipping ELK's component split saves a pass.
        root.setProperty(LayeredOptions.SEPARATE_CONNECTED_COMPONENTS, false);
        if (!model.groups().isEmpty()) {
            root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        }

        Map<String, ElkNode> containers = new HashMap<>();
        Map<ElkNode, GraphGroup> groupOf = new HashMap<>();
        for (GraphGroup g : model.groups()) {
            ElkNode parent = g.parent() == null ? root : containers.get(g.parent());
            ElkNode frame = ElkGraphUtil.createNode(parent);
            frame.setProperty(CoreOptions.PADDING,
                    new ElkPadding(geometry.headerHeight() + 6, 10, 10, 10));
            frame.setProperty(CoreOptions.DIRECTION, leftRight ? Direction.RIGHT : Direction.DOWN);
            frame.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
            containers.put(g.id(), frame);
            groupOf.put(frame, g);
        }
        Map<String, ElkNode> elkNodes = new HashMap<>();
        Map<ElkNode, GraphNode> nodeOf = new HashMap<>();
        for (GraphNode n : model.nodes()) {
            ElkNode parent = n.group() == null ? root : containers.get(n.group());
            ElkNode e = ElkGraphUtil.createNode(parent);
            e.setDimensions(geometry.width(n), geometry.height(n));
            elkNodes.put(n.id(), e);
            nodeOf.put(e, n);
        }
        checkCancel(cancelled);
        Map<ElkEdge, GraphEdge> edgeOf = new HashMap<>();
        for (GraphEdge edge : model.edges()) {
            ElkEdge e = ElkGraphUtil.createSimpleEdge(elkNodes.get(edge.source()), elkNodes.get(edge.target()));
            ElkLabel label = ElkGraphUtil.createLabel(edge.label(), e);
            label.setDimensions(geometry.labelWidth(edge.label()), geometry.lineHeight());
            label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            edgeOf.put(e, edge);
        }

        runWithDeepStack(() -> new LayeredLayoutProvider().layout(root, new BasicProgressMonitor() {

            @Override
            public boolean isCanceled() {
                return cancelled.getAsBoolean();
            }
        }));
        checkCancel(cancelled);

        List<Box> boxes = new ArrayList<>();
        for (GraphNode n : model.nodes()) {
            ElkNode e = elkNodes.get(n.id());
            double[] o = origin(e.getParent(), root);
            boxes.add(new Box(n, o[0] + e.getX(), o[1] + e.getY(), e.getWidth(), e.getHeight()));
        }
        List<Frame> frames = new ArrayList<>();
        for (GraphGroup g : model.groups()) {
            ElkNode e = containers.get(g.id());
            double[] o = origin(e.getParent(), root);
            frames.add(new Frame(g, o[0] + e.getX(), o[1] + e.getY(), e.getWidth(), e.getHeight()));
        }
        List<Path> paths = new ArrayList<>();
        for (Map.Entry<ElkEdge, GraphEdge> entry : edgeOf.entrySet()) {
            paths.add(path(entry.getKey(), entry.getValue(), root));
        }
        // Keep the model's edge order so painting and export are stable from run to run.
        List<GraphEdge> order = model.edges();
        Map<GraphEdge, Integer> index = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i), i);
        }
        paths.sort((a, b) -> Integer.compare(index.get(a.edge()), index.get(b.edge())));
        return new LaidOutGraph(model, geometry, leftRight, boxes, frames, paths, root.getWidth(), root.getHeight());
    }

    /** @param g an unfolded group @return the title its frame shows */
    public static String frameTitle(GraphGroup g) {
        return g.title();
    }

    private static Path path(ElkEdge e, GraphEdge edge, ElkNode root) {
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
        return new Path(edge, points, label);
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
