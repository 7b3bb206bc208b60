package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.convscope.core.model.InboundRef;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.Node;
import org.convscope.core.model.TensorShape;
import org.convscope.ui.ComputedActivations.LayerActivity;

/**
 * What the graph view draws, before layout: one box per layer, one edge per tensor a layer reads,
 * and a frame for each unfolded group ({@link GraphGroups}: a nested model or a block inferred from
 * layer names). A folded group is one box showing what goes in and out of it and its parameter
 * count; an unfolded nested model is replaced by its own layers, its inputs and outputs rewired to
 * the layers inside, so the view shows a single connected graph. Needs no display.
 */
public final class GraphModel {

    /** Inputs and outputs listed on a folded group's box; more are counted on one line. */
    private static final int SHAPE_LINES = 3;

    /**
     * One box.
     *
     * @param id         the layer id ({@link Layer#id()}), unique in the top model, or the id of the
     *                   folded group the box stands for
     * @param layer      the layer shown; for a folded block, the layer whose output leaves it
     * @param title      the header line (the Keras class, or the block name)
     * @param attributes the key attribute lines under the header
     * @param activation the fused activation shown under the layer, or null
     * @param group      the id of the unfolded group holding this box, or null at top level
     * @param stats      the activation statistics line after a run, or null
     * @param folds      the id of the folded group this box stands for, or null for a layer
     */
    public record GraphNode(String id, Layer layer, String title, List<String> attributes, String activation,
            String group, String stats, String folds) {

        public GraphNode {
            attributes = List.copyOf(attributes);
        }

        /** @return the colour category */
        public LayerCategory category() {
            return folds != null ? LayerCategory.MODEL : layer.category();
        }

        /** @return whether the box is a folded group that can be unfolded */
        public boolean expandable() {
            return folds != null;
        }
    }

    /**
     * One tensor from a producing box to a reading box.
     *
     * @param source   id of the producing box
     * @param target   id of the reading box
     * @param shape    the inferred shape
     * @param label    the shape shown: the real one after a run, else the inferred one
     * @param measured whether the label is the real shape of a run
     */
    public record GraphEdge(String source, String target, TensorShape shape, String label, boolean measured) {
    }

    /**
     * An unfolded group drawn as a frame around its boxes.
     *
     * @param id     the group id
     * @param title  the frame's title
     * @param parent the id of the unfolded group holding this one, or null
     */
    public record GraphGroup(String id, String title, String parent) {
    }

    private final ModelGraph graph;
    private final GraphGroups groupTree;
    private final List<GraphNode> nodes;
    private final List<GraphEdge> edges;
    private final List<GraphGroup> groups;
    private final Map<String, GraphNode> byId;
    private final Map<String, String> shownBy;

    private GraphModel(ModelGraph graph, GraphGroups groupTree, Builder b) {
        this.graph = graph;
        this.groupTree = groupTree;
        this.nodes = List.copyOf(b.nodes);
        this.edges = List.copyOf(new LinkedHashSet<>(b.edges));
        this.groups = List.copyOf(b.groups);
        Map<String, GraphNode> map = new LinkedHashMap<>();
        nodes.forEach(n -> map.put(n.id(), n));
        this.byId = Collections.unmodifiableMap(map);
        this.shownBy = b.shownBy;
    }

    private GraphModel(GraphModel from, List<GraphNode> nodes) {
        this.graph = from.graph;
        this.groupTree = from.groupTree;
        this.nodes = List.copyOf(nodes);
        this.edges = from.edges;
        this.groups = from.groups;
        Map<String, GraphNode> map = new LinkedHashMap<>();
        this.nodes.forEach(n -> map.put(n.id(), n));
        this.byId = Collections.unmodifiableMap(map);
        this.shownBy = from.shownBy;
    }

    /**
     * @param relabel gives each box its new words (what {@link NodeLabels} shows); it keeps the id
     * @return this model with its boxes relabelled, edges and groups unchanged
     */
    public GraphModel withNodes(UnaryOperator<GraphNode> relabel) {
        return new GraphModel(this, nodes.stream().map(relabel).toList());
    }

    /**
     * The graph with nested models only, no inferred blocks.
     *
     * @param graph    the model
     * @param expanded ids of the nested model layers shown expanded
     * @return the view model
     */
    public static GraphModel of(ModelGraph graph, Set<String> expanded) {
        return of(graph, expanded, Map.of());
    }

    /**
     * The graph with nested models only, no inferred blocks.
     *
     * @param graph    the model
     * @param expanded ids of the nested model layers shown expanded
     * @param activity what a run measured, per layer id (empty before a run)
     * @return the view model, with real shapes on edges and statistics on boxes where measured
     */
    public static GraphModel of(ModelGraph graph, Set<String> expanded, Map<String, LayerActivity> activity) {
        GraphGroups tree = GraphGroups.nestedModels(graph);
        Set<String> folded = tree.ids();
        folded.removeAll(Objects.requireNonNull(expanded, "expanded"));
        return of(graph, tree, folded, activity);
    }

    /**
     * @param graph    the model
     * @param groups   its groups
     * @param folded   ids of the groups shown folded
     * @param activity what a run measured, per layer id (empty before a run)
     * @return the view model
     */
    public static GraphModel of(ModelGraph graph, GraphGroups groups, Set<String> folded,
            Map<String, LayerActivity> activity) {
        Builder b = new Builder(groups, Objects.requireNonNull(folded, "folded"), Objects.requireNonNull(activity));
        b.build(graph);
        return new GraphModel(graph, groups, b);
    }

    /** @return the model drawn */
    public ModelGraph graph() {
        return graph;
    }

    /** @return the groups the model has, folded or not */
    public GraphGroups groupTree() {
        return groupTree;
    }

    /** @return the boxes, in Keras's layer order */
    public List<GraphNode> nodes() {
        return nodes;
    }

    /** @return the edges */
    public List<GraphEdge> edges() {
        return edges;
    }

    /** @return the unfolded groups, outer ones first */
    public List<GraphGroup> groups() {
        return groups;
    }

    /** @param id a box id @return the box, or null */
    public GraphNode node(String id) {
        return byId.get(id);
    }

    /**
     * @param layerId a layer id
     * @return the box that shows it: its own, or that of the folded group holding it; null for an
     *         unfolded nested model (a frame) or an unknown id
     */
    public String shownBy(String layerId) {
        return shownBy.get(layerId);
    }

    /** The tensors entering and leaving a folded group, and the last layer one leaves from. */
    private static final class Boundary {

        private final Set<String> ins = new LinkedHashSet<>();
        private final Set<String> outs = new LinkedHashSet<>();
        private String output;
    }

    /** Walks a model and its unfolded nested models. */
    private static final class Builder {

        private final GraphGroups tree;
        private final Set<String> folded;
        private final Map<String, LayerActivity> activity;
        private final List<GraphNode> nodes = new ArrayList<>();
        private final List<GraphEdge> edges = new ArrayList<>();
        private final List<GraphGroup> groups = new ArrayList<>();
        private final Map<String, String> shownBy = new HashMap<>();
        /** Tensors between layers, before folded groups are mapped to their boxes. */
        private final List<GraphEdge> tensors = new ArrayList<>();
        private final Map<String, Integer> order = new HashMap<>();
        private final Map<String, Layer> layers = new HashMap<>();

        Builder(GraphGroups tree, Set<String> folded, Map<String, LayerActivity> activity) {
            this.tree = tree;
            this.folded = folded;
            this.activity = activity;
        }

        void build(ModelGraph graph) {
            Map<String, List<String>> members = new LinkedHashMap<>();
            for (GraphGroups.Group g : tree.all()) {
                if (foldedAt(g.id()) == null) {
                    String title = g.kind() == GraphGroups.Kind.MODEL
                            ? g.name() + " (" + g.layer().kerasClass() + ")"
                            : g.name() + " · " + g.layers() + " layers";
                    groups.add(new GraphGroup(g.id(), title, g.parent()));
                }
            }
            walk(graph, members);
            for (GraphEdge t : tensors) {
                String source = shownBy.get(t.source());
                String target = shownBy.get(t.target());
                if (source != null && target != null && !source.equals(target)) {
                    edges.add(new GraphEdge(source, target, t.shape(), t.label(), t.measured()));
                }
            }
            Map<String, Boundary> boundaries = new HashMap<>();
            for (GraphEdge t : tensors) {
                String source = shownBy.get(t.source());
                String target = shownBy.get(t.target());
                if (source == null || target == null || source.equals(target)) {
                    continue;
                }
                String tensor = t.source() + "\u0000" + t.label();
                if (members.containsKey(target)) {
                    boundaries.computeIfAbsent(target, k -> new Boundary()).ins.add(tensor);
                }
                if (members.containsKey(source)) {
                    Boundary b = boundaries.computeIfAbsent(source, k -> new Boundary());
                    b.outs.add(tensor);
                    b.output = t.source();
                }
            }
            for (Map.Entry<String, List<String>> e : members.entrySet()) {
                nodes.add(blockNode(e.getKey(), e.getValue(), boundaries.getOrDefault(e.getKey(), new Boundary())));
            }
            nodes.sort((a, b) -> Integer.compare(order.get(a.id()), order.get(b.id())));
        }

        /** @return the outermost folded group holding a layer or group, itself included, or null */
        private String foldedAt(String groupOrNull) {
            String found = null;
            for (String g = groupOrNull; g != null; g = tree.group(g).parent()) {
                if (folded.contains(g)) {
                    found = g;
                }
            }
            return found;
        }

        private void walk(ModelGraph model, Map<String, List<String>> members) {
            for (Layer layer : model.layers()) {
                String id = layer.id();
                layers.put(id, layer);
                order.putIfAbsent(id, order.size());
                String in = tree.groupOf(id);
                String hidden = foldedAt(in);
                if (hidden != null) {
                    shownBy.put(id, hidden);
                    order.putIfAbsent(hidden, order.get(id));
                    members.computeIfAbsent(hidden, k -> new ArrayList<>()).add(id);
                    layer.model().ifPresent(inner -> hide(inner, hidden));
                } else if (isOpen(layer)) {
                    walk(layer.model().orElseThrow(), members);
                } else {
                    shownBy.put(id, id);
                    nodes.add(new GraphNode(id, layer, NodeText.title(layer), NodeText.attributes(layer),
                            NodeText.fusedActivation(layer), in, NodeText.stats(activity.get(id)),
                            layer.model().isPresent() ? id : null));
                    layer.model().ifPresent(inner -> hide(inner, id));
                }
            }
            addTensors(model);
        }

        /** The layers of a folded nested model are shown by the box that holds it. */
        private void hide(ModelGraph inner, String box) {
            for (Layer l : inner.layers()) {
                shownBy.put(l.id(), box);
                l.model().ifPresent(m -> hide(m, box));
            }
        }

        private void addTensors(ModelGraph model) {
            for (Layer layer : model.layers()) {
                for (Node call : layer.nodes()) {
                    for (int i = 0; i < call.inbound().size(); i++) {
                        InboundRef in = call.inbound().get(i);
                        String target = consumer(layer, i);
                        String source = producer(model, in);
                        TensorShape shape = i < call.inputShapes().size()
                                ? call.inputShapes().get(i)
                                : model.shapeOf(in);
                        if (source != null && target != null) {
                            LayerActivity real = activity.get(source);
                            String label = real == null ? shape.toString() : NodeText.shape(real.shape());
                            tensors.add(new GraphEdge(source, target, shape, label, real != null));
                        }
                    }
                }
            }
        }

        /** A folded block: its name, size, what goes in and out, and its parameters. */
        private GraphNode blockNode(String id, List<String> inside, Boundary boundary) {
            String output = boundary.output != null ? boundary.output : inside.get(inside.size() - 1);
            Set<String> ins = boundary.ins;
            Set<String> outs = boundary.outs;
            long params = 0;
            for (String l : inside) {
                long p = layers.get(l).params();
                params = params < 0 || p < 0 ? Layer.UNKNOWN_PARAMS : params + p;
            }
            GraphGroups.Group g = tree.group(id);
            List<String> lines = new ArrayList<>();
            lines.add(g.layers() + " layers");
            shapeLines(lines, "in", ins);
            shapeLines(lines, "out", outs);
            lines.add(NodeText.params(params));
            Layer shown = layers.get(output);
            return new GraphNode(id, shown, g.name(), lines, null, g.parent(),
                    NodeText.stats(activity.get(output)), id);
        }

        private static void shapeLines(List<String> lines, String label, Set<String> tensors) {
            int n = 0;
            for (String t : tensors) {
                if (n++ == SHAPE_LINES) {
                    lines.add(label + " +" + (tensors.size() - SHAPE_LINES));
                    return;
                }
                lines.add(label + " " + t.substring(t.indexOf('\u0000') + 1));
            }
        }

        private boolean isOpen(Layer layer) {
            return layer.model().isPresent() && foldedAt(layer.id()) == null;
        }
        /** The box that receives input {@code i} of {@code layer}: inside it when expanded. */
        private String consumer(Layer layer, int i) {
            if (!isOpen(layer)) {
                return layer.id();
            }
            ModelGraph inner = layer.model().orElseThrow();
            if (i >= inner.inputs().size()) {
                return null;
            }
            Layer input = inner.layer(inner.inputs().get(i).layer()).orElseThrow();
            return consumer(input, 0);
        }

        /** The box that makes tensor {@code ref} of {@code model}: inside it when expanded. */
        private String producer(ModelGraph model, InboundRef ref) {
            Layer layer = model.layer(ref.layer()).orElseThrow();
            if (!isOpen(layer)) {
                return layer.id();
            }
            ModelGraph inner = layer.model().orElseThrow();
            if (ref.tensorIndex() >= inner.outputs().size()) {
                return null;
            }
            return producer(inner, inner.outputs().get(ref.tensorIndex()));
        }
    }
}
