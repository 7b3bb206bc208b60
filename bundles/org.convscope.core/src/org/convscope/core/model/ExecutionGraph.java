package org.convscope.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model as an engine runs it: one flat list of steps in topological order. Nested models are
 * inlined (their input layers become aliases of the tensors the outer model feeds them), and a
 * shared layer stays one {@link Layer} applied at several steps, so its weights are loaded once.
 */
public final class ExecutionGraph {

    /**
     * One output of one step.
     *
     * @param step  the index of the producing step in {@link #steps()}
     * @param index the output index within that step
     */
    public record TensorId(int step, int index) {
    }

    /**
     * One application of a layer.
     *
     * @param index        this step's position in {@link #steps()}
     * @param layer        the layer applied
     * @param call         which call of the layer this is, counting from 0 over the flat graph
     * @param node         the layer's node this step computes (its recorded shapes and arguments)
     * @param inputs       the tensors the step reads, each made by an earlier step
     * @param outputShapes the inferred shapes of its outputs
     */
    public record Step(int index, Layer layer, int call, Node node, List<TensorId> inputs,
            List<TensorShape> outputShapes) {

        public Step {
            Objects.requireNonNull(layer, "layer");
            inputs = List.copyOf(inputs);
            outputShapes = List.copyOf(outputShapes);
        }

        /** @return the layer's id ({@link Layer#id()}), unique in the flat graph */
        public String layerId() {
            return layer.id();
        }
    }

    private final List<Step> steps;
    private final List<TensorId> inputs;
    private final List<TensorId> outputs;
    private final Map<String, List<TensorId>> layerOutputs;

    private ExecutionGraph(List<Step> steps, List<TensorId> inputs, List<TensorId> outputs,
            Map<String, List<TensorId>> layerOutputs) {
        this.steps = List.copyOf(steps);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.layerOutputs = Collections.unmodifiableMap(layerOutputs);
    }

    static ExecutionGraph of(ModelGraph model) {
        Flattener f = new Flattener();
        List<TensorId> outs = f.inline(model, null);
        List<TensorId> ins = new ArrayList<>();
        for (InboundRef r : model.inputs()) {
            ins.add(f.tensor(model, r));
        }
        Map<String, List<TensorId>> byLayer = new LinkedHashMap<>();
        f.layerOutputs.forEach((k, v) -> byLayer.put(k, List.copyOf(v)));
        return new ExecutionGraph(f.steps, ins, outs, byLayer);
    }

    /** @return the steps, each after every step it reads from */
    public List<Step> steps() {
        return steps;
    }

    /** @return the model's input tensors (outputs of input-layer steps, which read nothing) */
    public List<TensorId> inputs() {
        return inputs;
    }

    /** @return the model's output tensors */
    public List<TensorId> outputs() {
        return outputs;
    }

    /**
     * The tensors that hold a layer's output at its first call, for every layer of the model and
     * of nested models. An inlined nested model maps to its inner outputs, and its input layers
     * to the tensors fed to them.
     *
     * @param layerId a {@link Layer#id()}, e.g. {@code sequential/dense}
     * @return the tensors, empty if the layer is never computed
     */
    public List<TensorId> outputsOf(String layerId) {
        return layerOutputs.getOrDefault(layerId, List.of());
    }

    /** @return every layer id with output tensors, in step order */
    public List<String> layerIds() {
        return List.copyOf(layerOutputs.keySet());
    }

    /**
     * @param id a tensor
     * @return its inferred shape
     */
    public TensorShape shapeOf(TensorId id) {
        List<TensorShape> shapes = steps.get(id.step()).outputShapes();
        return id.index() < shapes.size() ? shapes.get(id.index()) : TensorShape.unknown();
    }

    /** Inlines nested models recursively, numbering steps as it goes. */
    private static final class Flattener {

        final List<Step> steps = new ArrayList<>();
        /** Per model instance, so equal layer names in different nested models stay apart. */
        final Map<ModelGraph, Map<InboundRef, TensorId>> tensors = new IdentityHashMap<>();
        final Map<String, List<TensorId>> layerOutputs = new LinkedHashMap<>();
        final Map<Layer, Integer> calls = new HashMap<>();
        final List<ModelGraph> active = new ArrayList<>();

        /**
         * @param g     the model to inline
         * @param feeds the tensors fed to its inputs, or null for the top model
         * @return the tensors of its outputs
         */
        List<TensorId> inline(ModelGraph g, List<TensorId> feeds) {
            if (active.contains(g)) {
                throw new CyclicGraphException(List.of(g.name()));
            }
            active.add(g);
            Map<String, Integer> fedInput = new HashMap<>();
            for (int i = 0; i < g.inputs().size(); i++) {
                fedInput.put(g.inputs().get(i).layer(), i);
            }
            for (InboundRef call : g.callOrder()) {
                Layer layer = g.layer(call.layer()).orElseThrow();
                Node node = layer.node(call.nodeIndex());
                List<TensorId> in = new ArrayList<>();
                for (InboundRef r : node.inbound()) {
                    in.add(tensor(g, r));
                }
                List<TensorId> out;
                Integer feed = fedInput.get(layer.name());
                if (feeds != null && feed != null && node.inbound().isEmpty()) {
                    if (feed >= feeds.size()) {
                        throw new IllegalArgumentException(g.name() + ": nested model called with " + feeds.size()
                                + " inputs, needs " + g.inputs().size());
                    }
                    out = List.of(feeds.get(feed));
                } else if (layer.model().isPresent()) {
                    out = inline(layer.model().get(), in);
                } else {
                    int index = steps.size();
                    int n = calls.merge(layer, 1, Integer::sum) - 1;
                    steps.add(new Step(index, layer, n, node, in, node.outputShapes()));
                    out = new ArrayList<>();
                    int count = Math.max(1, node.outputShapes().size());
                    for (int t = 0; t < count; t++) {
                        out.add(new TensorId(index, t));
                    }
                }
                for (int t = 0; t < out.size(); t++) {
                    tensors.computeIfAbsent(g, k -> new HashMap<>())
                            .put(new InboundRef(layer.name(), call.nodeIndex(), t), out.get(t));
                }
                layerOutputs.putIfAbsent(layer.id(), out);
            }
            List<TensorId> result = new ArrayList<>();
            for (InboundRef r : g.outputs()) {
                result.add(tensor(g, r));
            }
            active.remove(active.size() - 1);
            return result;
        }

        private TensorId tensor(ModelGraph g, InboundRef r) {
            TensorId id = tensors.getOrDefault(g, Map.of()).get(r);
            if (id == null) {
                throw new IllegalArgumentException(g.name() + ": tensor " + r + " is read but never made");
            }
            return id;
        }
    }
}
