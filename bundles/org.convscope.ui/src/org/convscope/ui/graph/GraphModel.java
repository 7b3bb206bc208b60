package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.convscope.core.model.InboundRef;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.Node;
import org.convscope.core.model.TensorShape;
import org.convscope.ui.ComputedActivations.LayerActivity;

/**
 * What the graph view draws, before layout: one box per layer, one edge per tensor a layer reads,
 * and a group for each nested model the user expanded. Collapsed nested models are one box; an
 * expanded one is replaced by its own layers, its inputs and outputs rewired to the layers inside,
 * so the view shows a single connected graph. Needs no display.
 */
public final class GraphModel {

    /**
     * One box.
     *
     * @param id         the layer id ({@link Layer#id()}), unique in the top model
     * @param layer      the layer shown
     * @param title      the header line (the Keras class)
     * @param attributes the key attribute lines under the header
     * @param activation the fused activation shown under the layer, or null
     * @param group      the id of the expanded nested model holding this box, or null at top level
     * @param stats      the activation statistics line after a run, or null
     */
    public record GraphNode(String id, Layer layer, String title, List<String> attributes, String activation,
            String group, String stats) {

        public GraphNode {
            attributes = List.copyOf(attributes);
        }

        /** @return the colour category */
        public LayerCategory category() {
            return layer.category();
        }

        /** @return whether the box is a collapsed nested model that can be expanded */
        public boolean expandable() {
            return layer.model().isPresent();
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
     * An expanded nested model drawn as a frame around its layers.
     *
     * @param id     the nested model layer's id
     * @param layer  the nested model layer
     * @param parent the id of the group holding this one, or null
     */
    public record GraphGroup(String id, Layer layer, String parent) {
    }

    private final List<GraphNode> nodes;
    private final List<GraphEdge> edges;
    private final List<GraphGroup> groups;
    private final Map<String, GraphNode> byId;

    private GraphModel(List<GraphNode> nodes, List<GraphEdge> edges, List<GraphGroup> groups) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.groups = List.copyOf(groups);
        Map<String, GraphNode> map = new LinkedHashMap<>();
        nodes.forEach(n -> map.put(n.id(), n));
        this.byId = Collections.unmodifiableMap(map);
    }

    /**
     * @param graph    the model
     * @param expanded ids of the nested model layers shown expanded
     * @return the view model
     */
    public static GraphModel of(ModelGraph graph, Set<String> expanded) {
        return of(graph, expanded, Map.of());
    }

    /**
     * @param graph    the model
     * @param expanded ids of the nested model layers shown expanded
     * @param activity what a run measured, per layer id (empty before a run)
     * @return the view model, with real shapes on edges and statistics on boxes where measured
     */
    public static GraphModel of(ModelGraph graph, Set<String> expanded, Map<String, LayerActivity> activity) {
        Builder b = new Builder(Objects.requireNonNull(expanded, "expanded"), Objects.requireNonNull(activity));
        b.addModel(graph, null);
        return new GraphModel(b.nodes, new ArrayList<>(new LinkedHashSet<>(b.edges)), b.groups);
    }

    /** @return the boxes, in Keras's layer order */
    public List<GraphNode> nodes() {
        return nodes;
    }

    /** @return the edges */
    public List<GraphEdge> edges() {
        return edges;
    }

    /** @return the expanded nested models, outer ones first */
    public List<GraphGroup> groups() {
        return groups;
    }

    /** @param id a box id @return the box, or null */
    public GraphNode node(String id) {
        return byId.get(id);
    }

    /** Walks a model and its expanded nested models. */
    private static final class Builder {

        private final Set<String> expanded;
        private final Map<String, LayerActivity> activity;
        private final List<GraphNode> nodes = new ArrayList<>();
        private final List<GraphEdge> edges = new ArrayList<>();
        private final List<GraphGroup> groups = new ArrayList<>();

        Builder(Set<String> expanded, Map<String, LayerActivity> activity) {
            this.expanded = expanded;
            this.activity = activity;
        }

        void addModel(ModelGraph model, String group) {
            for (Layer layer : model.layers()) {
                if (isOpen(layer)) {
                    groups.add(new GraphGroup(layer.id(), layer, group));
                    addModel(layer.model().orElseThrow(), layer.id());
                } else {
                    nodes.add(new GraphNode(layer.id(), layer, NodeText.title(layer), NodeText.attributes(layer),
                            NodeText.fusedActivation(layer), group, NodeText.stats(activity.get(layer.id()))));
                }
            }
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
                            edges.add(new GraphEdge(source, target, shape, label, real != null));
                        }
                    }
                }
            }
        }

        private boolean isOpen(Layer layer) {
            return layer.model().isPresent() && expanded.contains(layer.id());
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
