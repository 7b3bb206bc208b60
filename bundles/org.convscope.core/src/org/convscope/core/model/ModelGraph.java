package org.convscope.core.model;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.convscope.core.io.WeightStore;

/**
 * An immutable Keras model: metadata, layers in the order Keras lists them, and the model's input
 * and output tensors. Nested models appear as layers holding their own {@code ModelGraph}; a layer
 * shared by several calls appears once with several {@link Node}s.
 *
 * <p>A graph opened from a file keeps the weight file open for lazy loading until
 * {@link #close()}.
 */
public final class ModelGraph implements AutoCloseable {

    /** How the model is defined in Keras. */
    public enum Kind {
        /** A {@code Sequential} stack: each layer feeds the next. */
        SEQUENTIAL,
        /** A functional graph ({@code Functional} / {@code Model}). */
        FUNCTIONAL
    }

    private final String name;
    private final String kerasClass;
    private final Kind kind;
    private final ModelMetadata metadata;
    private final List<Layer> layers;
    private final Map<String, Layer> byName;
    private final List<InboundRef> inputs;
    private final List<InboundRef> outputs;
    private final WeightStore resource;

    /**
     * @param name       the model name
     * @param kerasClass the Keras class ({@code Sequential}, {@code Functional}, {@code Model})
     * @param kind       sequential or functional
     * @param metadata   where the model came from
     * @param layers     the layers in Keras's order, names unique
     * @param inputs     the model's input tensors
     * @param outputs    the model's output tensors
     * @param resource   the weight file, closed by {@link #close()}, or null
     * @throws IllegalArgumentException if names repeat or a connection names a missing layer, call or output
     */
    public ModelGraph(String name, String kerasClass, Kind kind, ModelMetadata metadata, List<Layer> layers,
            List<InboundRef> inputs, List<InboundRef> outputs, WeightStore resource) {
        this.name = Objects.requireNonNull(name, "name");
        this.kerasClass = Objects.requireNonNull(kerasClass, "kerasClass");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.layers = List.copyOf(layers);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.resource = resource;
        Map<String, Layer> map = new LinkedHashMap<>();
        for (Layer l : this.layers) {
            if (map.put(l.name(), l) != null) {
                throw new IllegalArgumentException("model " + name + ": two layers named " + l.name());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
        for (Layer l : this.layers) {
            for (Node n : l.nodes()) {
                n.inbound().forEach(r -> check(r, "input of " + l.name()));
            }
        }
        this.inputs.forEach(r -> check(r, "model input"));
        this.outputs.forEach(r -> check(r, "model output"));
    }

    private void check(InboundRef ref, String what) {
        Layer l = byName.get(ref.layer());
        if (l == null) {
            throw new IllegalArgumentException("model " + name + ": " + what + " names unknown layer " + ref.layer());
        }
        int i = ref.nodeIndex() - l.firstNodeIndex();
        if (i < 0 || i >= l.nodes().size()) {
            throw new IllegalArgumentException("model " + name + ": " + what + " names missing call " + ref);
        }
        if (ref.tensorIndex() >= l.nodes().get(i).outputShapes().size()) {
            throw new IllegalArgumentException("model " + name + ": " + what + " names missing output " + ref);
        }
    }

    /** @return the model name; empty when the file records none (old Sequential configs) */
    public String name() {
        return name;
    }

    /** @return the Keras class of the model */
    public String kerasClass() {
        return kerasClass;
    }

    /** @return sequential or functional */
    public Kind kind() {
        return kind;
    }

    /** @return where the model came from */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** @return the layers in Keras's order (an input layer of a Sequential model included) */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * @param layerName a layer name of this model (not of a nested one)
     * @return the layer, if present
     */
    public Optional<Layer> layer(String layerName) {
        return Optional.ofNullable(byName.get(layerName));
    }

    /** @return the model's input tensors */
    public List<InboundRef> inputs() {
        return inputs;
    }

    /** @return the model's output tensors */
    public List<InboundRef> outputs() {
        return outputs;
    }

    /**
     * @param ref a tensor of this model
     * @return its inferred shape
     */
    public TensorShape shapeOf(InboundRef ref) {
        List<TensorShape> shapes = layer(ref.layer()).orElseThrow().node(ref.nodeIndex()).outputShapes();
        return ref.tensorIndex() < shapes.size() ? shapes.get(ref.tensorIndex()) : TensorShape.unknown();
    }

    /** @return the shapes of the model inputs */
    public List<TensorShape> inputShapes() {
        return inputs.stream().map(this::shapeOf).toList();
    }

    /**
     * @return the model's input when it takes one image batch, shaped (batch, height, width,
     *         channels); empty when it has several inputs or one of another rank
     */
    public Optional<TensorShape> imageInput() {
        List<TensorShape> shapes = inputShapes();
        return shapes.size() == 1 && shapes.get(0).rank() == 4 ? Optional.of(shapes.get(0)) : Optional.empty();
    }

    /** @return the shapes of the model outputs */
    public List<TensorShape> outputShapes() {
        return outputs.stream().map(this::shapeOf).toList();
    }

    /** @return trainable parameters over all layers (shared layers once), unknown counts left out */
    public long trainableParams() {
        return layers.stream().mapToLong(Layer::trainableParams).filter(p -> p > 0).sum();
    }

    /** @return non-trainable parameters over all layers, unknown counts left out */
    public long nonTrainableParams() {
        return layers.stream().mapToLong(Layer::nonTrainableParams).filter(p -> p > 0).sum();
    }

    /** @return all parameters, unknown counts left out */
    public long totalParams() {
        return trainableParams() + nonTrainableParams();
    }

    /** @return whether every layer's parameter count is known, so the totals are exact */
    public boolean paramsKnown() {
        return layers.stream().allMatch(l -> l.params() >= 0);
    }

    /**
     * @return every layer of this model and of the models nested in it, depth first, each
     *         nested model before its own layers
     */
    public List<Layer> allLayers() {
        List<Layer> all = new ArrayList<>();
        Deque<Layer> todo = new ArrayDeque<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            todo.push(layers.get(i));
        }
        while (!todo.isEmpty()) {
            Layer l = todo.pop();
            all.add(l);
            l.model().ifPresent(m -> {
                for (int i = m.layers.size() - 1; i >= 0; i--) {
                    todo.push(m.layers.get(i));
                }
            });
        }
        return all;
    }

    /**
     * The order in which this model's calls can be computed: every call after the calls it reads.
     *
     * @return pairs of layer and Keras node index, in a valid order close to Keras's layer order
     * @throws CyclicGraphException if the connections form a cycle
     */
    public List<InboundRef> callOrder() {
        // Kahn's algorithm over calls, always taking the earliest ready call in layer order, so
        // the result follows Keras's own listing wherever the graph allows.
        List<InboundRef> calls = new ArrayList<>();
        Map<InboundRef, Integer> waiting = new HashMap<>();
        Map<InboundRef, List<InboundRef>> readers = new HashMap<>();
        for (Layer l : layers) {
            for (int i = 0; i < l.nodes().size(); i++) {
                InboundRef call = new InboundRef(l.name(), l.firstNodeIndex() + i, 0);
                calls.add(call);
                int count = 0;
                for (InboundRef in : l.nodes().get(i).inbound()) {
                    InboundRef producer = new InboundRef(in.layer(), in.nodeIndex(), 0);
                    readers.computeIfAbsent(producer, k -> new ArrayList<>()).add(call);
                    count++;
                }
                waiting.put(call, count);
            }
        }
        Map<InboundRef, Integer> position = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            position.put(calls.get(i), i);
        }
        PriorityQueue<InboundRef> ready = new PriorityQueue<>(
                (a, b) -> Integer.compare(position.get(a), position.get(b)));
        calls.stream().filter(c -> waiting.get(c) == 0).forEach(ready::add);
        List<InboundRef> order = new ArrayList<>(calls.size());
        while (!ready.isEmpty()) {
            InboundRef c = ready.poll();
            order.add(c);
            for (InboundRef r : readers.getOrDefault(c, List.of())) {
                if (waiting.merge(r, -1, Integer::sum) == 0) {
                    ready.add(r);
                }
            }
        }
        if (order.size() < calls.size()) {
            List<String> stuck = calls.stream().filter(c -> waiting.get(c) > 0).map(InboundRef::layer).distinct()
                    .toList();
            throw new CyclicGraphException(stuck);
        }
        return order;
    }

    /**
     * The execution graph of this model: nested models inlined, shared layers kept as one layer
     * applied at several steps, steps in topological order.
     *
     * @return the graph an engine runs
     * @throws CyclicGraphException     if the connections form a cycle
     * @throws IllegalArgumentException if a nested model is called with the wrong number of
     *                                  tensors (graphs from {@code KerasModels} never are)
     */
    public ExecutionGraph flatten() {
        return ExecutionGraph.of(this);
    }

    /**
     * @return completes when the weight file's structure is read (at once for every file but a
     *         {@code .keras} archive opened with {@code KerasModels.openEarly}, whose read this
     *         starts), exceptionally with what was wrong with the file
     * @see WeightStore#structureRead()
     */
    public CompletionStage<Void> weightsRead() {
        return resource == null ? CompletableFuture.completedFuture(null) : resource.structureRead();
    }

    /**
     * @return whether the weight file's structure is still to be read or being read; asks
     *         nothing of the file (unlike {@link #weightsRead()}, which starts a deferred read)
     */
    public boolean weightsPending() {
        return resource != null && resource.structurePending();
    }

    /** Closes the weight file this graph reads from, if any; weights can no longer be loaded. */
    @Override
    public void close() {
        if (resource != null) {
            resource.close();
        }
    }

    @Override
    public String toString() {
        return name + " (" + kerasClass + ", " + layers.size() + " layers)";
    }
}
