package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Supplier;

import org.convscope.core.io.WeightRef;
import org.convscope.core.io.WeightStore;
import org.convscope.core.model.CyclicGraphException;
import org.convscope.core.model.InboundRef;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.ModelMetadata;
import org.convscope.core.model.Node;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * Turns one model config (Sequential or functional, any nesting) into a {@link ModelGraph}: takes
 * the layers from {@link LayerList}, orders the calls, infers every output shape with the layer
 * mappers, builds nested models on their first call and counts parameters.
 */
final class GraphBuilder {

    /** Deeper nesting of models than any real file has; bounds the recursion. */
    private static final int MAX_NESTING = 64;
    private static final Set<String> NON_TRAINABLE_WEIGHTS = Set.of("moving_mean", "moving_variance",
            "running_mean", "running_std", "count", "mean", "variance");

    private final ModelMetadata metadata;
    private final WeightStore store;

    /**
     * @param metadata the metadata every graph built gets
     * @param store    where layers find their weights
     */
    GraphBuilder(ModelMetadata metadata, WeightStore store) {
        this.metadata = metadata;
        this.store = store;
    }

    /**
     * @param entry a model entry: {@code class_name} and {@code config}
     * @return the top graph, owning the weight store
     */
    ModelGraph buildTop(Map<String, Object> entry) {
        return build(entry, List.of(), null, false, store, 0);
    }

    private ModelGraph build(Map<String, Object> entry, List<String> prefix, List<TensorShape> feeds, boolean frozen,
            WeightStore owned, int depth) {
        if (depth > MAX_NESTING) {
            throw new ConfigException(MessageBundles.bind(Messages.nestedTooDeep, MAX_NESTING));
        }
        LayerList list = LayerList.read(entry, feeds);
        String name = list.name;
        Map<String, LayerDraft> drafts = list.drafts;
        List<InboundRef> inputs = list.inputs;
        List<InboundRef> outputs = list.outputs;
        boolean modelFrozen = frozen || !Configs.trainable(entry.get("config"));
        infer(drafts, inputs, feeds, prefix, modelFrozen, depth);
        for (InboundRef r : inputs) {
            tensor(drafts.get(r.layer()), r, () -> MessageBundles.bind(Messages.modelInput, name));
        }
        for (InboundRef r : outputs) {
            tensor(drafts.get(r.layer()), r, () -> MessageBundles.bind(Messages.modelOutput, name));
        }
        List<Layer> layers = new ArrayList<>();
        for (LayerDraft d : drafts.values()) {
            layers.add(freeze(d, prefix, modelFrozen));
        }
        return new ModelGraph(name, list.cls, list.sequential ? ModelGraph.Kind.SEQUENTIAL : ModelGraph.Kind.FUNCTIONAL,
                metadata, layers, inputs, outputs, owned);
    }

    private void infer(Map<String, LayerDraft> drafts, List<InboundRef> inputs, List<TensorShape> feeds,
            List<String> prefix, boolean frozen, int depth) {
        List<LayerDraft> order = new ArrayList<>(drafts.values());
        // Kahn's algorithm over calls, earliest layer first, so shapes flow in Keras's order. The
        // counts and readers of a call are kept in its layer's draft, by position.
        PriorityQueue<Call> ready = new PriorityQueue<>(
                Comparator.comparingInt((Call c) -> c.draft.rank).thenComparingInt(Call::pos));
        int total = 0;
        for (int i = 0; i < order.size(); i++) {
            LayerDraft d = order.get(i);
            int calls = d.nodes.size();
            d.rank = i;
            d.waiting = new int[calls];
            d.readers = new ArrayList<>(calls);
            d.outShapes = new ArrayList<>(calls);
            d.inShapes = new ArrayList<>(calls);
            for (int p = 0; p < calls; p++) {
                d.readers.add(null);
                d.outShapes.add(null);
                d.inShapes.add(null);
            }
        }
        for (LayerDraft d : order) {
            for (int p = 0; p < d.nodes.size(); p++) {
                Call call = new Call(d, p);
                total++;
                List<InboundRef> in = d.nodes.get(p).inbound();
                d.waiting[p] = in.size();
                for (InboundRef r : in) {
                    LayerDraft producer = drafts.get(r.layer());
                    int at = r.nodeIndex() - producer.firstNodeIndex;
                    List<Call> readers = producer.readers.get(at);
                    if (readers == null) {
                        readers = new ArrayList<>(2);
                        producer.readers.set(at, readers);
                    }
                    readers.add(call);
                }
                if (in.isEmpty()) {
                    ready.add(call);
                }
            }
        }
        int done = 0;
        while (!ready.isEmpty()) {
            Call c = ready.poll();
            compute(c, drafts, inputs, feeds, prefix, frozen, depth);
            done++;
            List<Call> readers = c.draft.readers.get(c.pos);
            if (readers != null) {
                for (Call r : readers) {
                    if (--r.draft.waiting[r.pos] == 0) {
                        ready.add(r);
                    }
                }
            }
        }
        if (done < total) {
            List<String> stuck = new ArrayList<>();
            for (LayerDraft d : order) {
                for (int w : d.waiting) {
                    if (w > 0) {
                        stuck.add(d.name);
                        break;
                    }
                }
            }
            throw new CyclicGraphException(stuck);
        }
    }

    private void compute(Call c, Map<String, LayerDraft> drafts, List<InboundRef> inputs, List<TensorShape> feeds,
            List<String> prefix, boolean frozen, int depth) {
        LayerDraft d = c.draft;
        RawNode node = d.nodes.get(c.pos);
        if (node.inbound().isEmpty() && !(d.mapper instanceof InputMapper)) {
            throw new ConfigException(MessageBundles.bind(Messages.calledWithNoInput, d.name));
        }
        List<TensorShape> in = new ArrayList<>();
        for (int i = 0; i < node.inbound().size(); i++) {
            InboundRef r = node.inbound().get(i);
            LayerDraft p = drafts.get(r.layer());
            List<TensorShape> made = tensor(p, r, () -> MessageBundles.bind(Messages.layerLabel, d.name));
            TensorShape s = made.get(r.tensorIndex());
            TensorShape recorded = i < node.recorded().size() ? node.recorded().get(i) : TensorShape.unknown();
            if (!s.isKnown() && recorded.isKnown()) {
                // Keras 3 wrote the shape it saw; better than unknown after a Lambda or custom layer.
                s = recorded;
                if (r.tensorIndex() < made.size()) {
                    made.set(r.tensorIndex(), recorded);
                }
            }
            in.add(s);
        }
        List<TensorShape> out;
        if (d.mapper == null) {
            if (d.nested == null) {
                d.nested = build(d.entry, append(prefix, d.name), in, frozen || !Configs.trainable(d.config), null,
                        depth + 1);
            }
            if (d.nested.inputs().size() != in.size()) {
                throw new ConfigException(
                        MessageBundles.bind(Messages.nestedModelInputs, d.name, d.nested.inputs().size(), in.size()));
            }
            out = d.nested.outputShapes();
        } else {
            LayerConfig lc = new LayerConfig(d.cls, d.config);
            try {
                out = d.mapper.outputShapes(lc, in);
            } catch (ShapeException | ClassCastException | IllegalArgumentException
                    | IndexOutOfBoundsException | ArithmeticException e) {
                d.problem = MessageBundles.bind(Messages.outputShapeUnknown, e.getMessage());
                out = List.of(TensorShape.unknown());
            }
            int index = indexOfInput(inputs, d.name);
            if (d.mapper instanceof InputMapper && !out.get(0).isKnown() && feeds != null && index >= 0
                    && index < feeds.size()) {
                // A nested model declaring no input shape takes the shape it is called on.
                out = List.of(feeds.get(index));
            }
            if (c.pos == 0) {
                try {
                    d.params = d.mapper.params(lc, in);
                } catch (ShapeException | ClassCastException | IllegalArgumentException
                        | IndexOutOfBoundsException | ArithmeticException e) {
                    d.params = Params.UNKNOWN;
                }
            }
        }
        if (out.isEmpty()) {
            out = List.of(TensorShape.unknown());
        }
        d.inShapes.set(c.pos, in);
        d.outShapes.set(c.pos, new ArrayList<>(out));
    }

    /**
     * @return the output shapes of the call {@code r} names, padded with unknown shapes when a
     *         layer of unknown output count is read at a higher index
     * @throws ConfigException if a layer of known output count has no such output
     */
    private static List<TensorShape> tensor(LayerDraft p, InboundRef r, Supplier<String> reader) {
        List<TensorShape> made = p.outShapes.get(r.nodeIndex() - p.firstNodeIndex);
        if (made == null) {
            throw new ConfigException(MessageBundles.bind(Messages.readsNeverComputed, reader.get(), r));
        }
        if (r.tensorIndex() >= made.size()) {
            if (!outputCountUnknown(p, made)) {
                throw new ConfigException(
                        MessageBundles.bind(Messages.readsMissingOutput, reader.get(), r.tensorIndex(), r.layer(),
                                made.size()));
            }
            // A custom layer or Lambda may return several tensors; Keras's references tell how many.
            while (made.size() <= r.tensorIndex()) {
                made.add(TensorShape.unknown());
            }
        }
        return made;
    }

    private static boolean outputCountUnknown(LayerDraft producer, List<TensorShape> made) {
        return (producer.mapper instanceof UnknownMapper || producer.mapper instanceof LambdaMapper)
                && made.stream().noneMatch(TensorShape::isKnown);
    }

    private static int indexOfInput(List<InboundRef> inputs, String name) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).layer().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private Layer freeze(LayerDraft d, List<String> prefix, boolean modelFrozen) {
        List<String> path = append(prefix, d.name);
        boolean trainable = !modelFrozen && Configs.trainable(d.config);
        Layer.Builder b = Layer.builder(d.name, d.cls).config(d.config).path(path)
                .firstNodeIndex(d.firstNodeIndex).trainable(trainable);
        Params p;
        if (d.mapper == null) {
            b.category(LayerCategory.MODEL);
            if (d.nested == null) {
                // Never called in this model; still show what it holds.
                d.nested = build(d.entry, path, null, !trainable, null, path.size());
            }
            b.model(d.nested);
            p = new Params(d.nested.trainableParams(), d.nested.nonTrainableParams());
        } else {
            b.category(d.mapper.category());
            p = d.params == null ? Params.UNKNOWN : d.params;
            if (!p.known()) {
                p = fromWeights(path, d.cls);
            }
            if (d.mapper instanceof UnknownMapper) {
                d.problem = Messages.unknownClassProblem;
            }
            if (store != null) {
                WeightStore s = store;
                b.weights(() -> s.weights(path));
            }
        }
        if (!trainable && p.known()) {
            p = new Params(0, p.trainable() + p.nonTrainable());
        }
        b.params(p.trainable(), p.nonTrainable()).problem(d.problem);
        for (int i = 0; i < d.nodes.size(); i++) {
            RawNode n = d.nodes.get(i);
            List<TensorShape> in = d.inShapes == null || d.inShapes.get(i) == null ? List.of() : d.inShapes.get(i);
            List<TensorShape> out = d.outShapes == null || d.outShapes.get(i) == null
                    ? List.of(TensorShape.unknown())
                    : d.outShapes.get(i);
            b.node(new Node(n.inbound(), in, out, n.arguments()));
        }
        return b.build();
    }

    /** Counts from the stored weights when the config and shapes cannot tell; moving statistics do not train. */
    private Params fromWeights(List<String> path, String cls) {
        if (store == null) {
            return Params.UNKNOWN;
        }
        List<WeightRef> weights = store.weights(path);
        if (weights.isEmpty()) {
            return Params.UNKNOWN;
        }
        long trainable = 0;
        long fixed = 0;
        for (int i = 0; i < weights.size(); i++) {
            WeightRef w = weights.get(i);
            boolean moving = NON_TRAINABLE_WEIGHTS.contains(w.name())
                    || "BatchNormalization".equals(cls) && weights.size() == 4 && i >= 2;
            if (moving) {
                fixed += w.size();
            } else {
                trainable += w.size();
            }
        }
        return new Params(trainable, fixed);
    }

    private static List<String> append(List<String> prefix, String name) {
        List<String> p = new ArrayList<>(prefix);
        p.add(name);
        return List.copyOf(p);
    }

    /** One call of a draft layer, by position in its node list. */
    record Call(LayerDraft draft, int pos) {
    }
}
