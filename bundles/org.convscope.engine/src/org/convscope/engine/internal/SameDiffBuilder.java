package org.convscope.engine.internal;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.ops.OpConfig;
import org.convscope.engine.ops.LayerOp;
import org.convscope.engine.ops.OpContext;
import org.convscope.engine.ops.OpOutput;
import org.convscope.engine.ops.OpRegistry;
import org.convscope.engine.ops.UnsupportedConfigException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds a SameDiff graph from a {@link NetworkSpec} for given input shapes. A layer that cannot
 * be built is recorded with its reason, and so is every layer after it that depends on it; the
 * rest of the graph is built normally, so earlier layers still run.
 */
final class SameDiffBuilder {

    static final String OBJECTIVE_WEIGHTS = "objective_weights";
    static final String OBJECTIVE_PER_ITEM = "objective_per_item";

    private final NetworkSpec spec;
    private final OpRegistry registry;
    private final WeightCache weights;
    private final BuildStatistics stats;
    private final Map<String, LayerSpec> byName = new HashMap<>();

    SameDiffBuilder(NetworkSpec spec, OpRegistry registry, WeightCache weights) {
        this(spec, registry, weights, new BuildStatistics());
    }

    SameDiffBuilder(NetworkSpec spec, OpRegistry registry, WeightCache weights, BuildStatistics stats) {
        this.spec = spec;
        this.registry = registry;
        this.weights = weights;
        this.stats = stats;
        spec.layers().forEach(l -> byName.put(l.name(), l));
    }

    /**
     * An empty forward graph for inputs of these shapes: {@link #extend} adds the layers that
     * requests need, when they first need them.
     */
    BuiltGraph forward(List<long[]> inputShapes) {
        checkInputCount(inputShapes);
        return BuiltGraph.empty(newGraph(), spec.inputNames().size(), null);
    }

    /**
     * Adds to a forward graph the layers that {@code outputs} depend on and that it does not hold
     * yet, reading only their weights. What was built stays as it is, so a later request for a
     * deeper layer costs only the layers between.
     *
     * @param outputs nodes whose values will be asked for
     */
    void extend(BuiltGraph g, List<long[]> inputShapes, Collection<String> outputs) {
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            String n = todo.pop();
            LayerSpec l = byName.get(n);
            if (l != null && !g.holds(n) && needed.add(n)) {
                todo.addAll(l.inbound());
            }
        }
        add(g, inputShapes, needed, Set.of(), null);
    }

    /**
     * A graph of the layers {@code objectiveLayer} depends on, ending in
     * {@code Σ output ⊙ weights}. Weights are constants, so SameDiff needs a trainable variable
     * to agree to differentiate: a zero added to each node in {@code wrt}, which changes nothing.
     * Placing it there rather than at the inputs keeps the backward pass as short as the question:
     * Grad-CAM's gradient at a late conv layer runs back through the head only.
     *
     * @param wrt nodes (input layers or layers) whose gradients will be asked for
     */
    BuiltGraph gradient(List<long[]> inputShapes, String objectiveLayer, Set<String> wrt) {
        checkInputCount(inputShapes);
        SameDiff sd = newGraph();
        SDVariable anchor = wrt.isEmpty() ? null : sd.var("gradient_anchor", Nd4j.zeros(DataType.FLOAT, 1));
        BuiltGraph g = BuiltGraph.empty(sd, spec.inputNames().size(), null);
        add(g, inputShapes, ancestors(objectiveLayer), wrt, anchor);
        return g.withObjective(addObjective(sd, g.output(objectiveLayer)));
    }

    /**
     * A SameDiff graph that holds its constants as they are given. SameDiff's default holder
     * copies each constant for the device at its first use and frees the copy only when the
     * garbage collector finds it: the weights twice in native memory, and a closed network's
     * copy left behind. A network's calls are serialized, which is all the plain holder needs.
     */
    private static SameDiff newGraph() {
        SameDiff sd = SameDiff.create();
        sd.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);
        return sd;
    }

    private void checkInputCount(List<long[]> inputShapes) {
        if (inputShapes.size() != spec.inputNames().size()) {
            throw new IllegalArgumentException(
                    MessageBundles.bind(Messages.modelInputCount, spec.inputNames().size(), inputShapes.size()));
        }
    }

    /** Builds the layers of {@code needed} that {@code g} does not hold, in execution order. */
    private void add(BuiltGraph g, List<long[]> inputShapes, Set<String> needed, Set<String> wrt,
            SDVariable anchor) {
        List<String> inputNames = spec.inputNames();
        for (LayerSpec layer : spec.layers()) {
            if (!needed.contains(layer.name()) || g.holds(layer.name())) {
                continue;
            }
            stats.built(layer.name());
            if ("InputLayer".equals(layer.kerasClass())) {
                int i = inputNames.indexOf(layer.name());
                if (i < 0) {
                    fail(g.failures(), layer, Messages.inputNotModelInput);
                    continue;
                }
                long[] shape = inputShapes.get(i);
                String mismatch = inputMismatch(layer, shape);
                if (mismatch != null) {
                    fail(g.failures(), layer, mismatch);
                    continue;
                }
                String name = "input_" + i;
                SDVariable ph = g.sd().placeHolder(name, DataType.FLOAT, withOpenBatch(shape));
                g.placeholders().set(i, name);
                g.put(layer.name(), new OpOutput(wrt.contains(layer.name()) ? ph.add(anchor) : ph, shape));
                continue;
            }
            OpOutput out = buildLayer(g.sd(), layer, g::output, g.failures());
            if (out != null) {
                g.put(layer.name(), wrt.contains(layer.name())
                        ? new OpOutput(out.variable().add(anchor), out.shape())
                        : out);
            }
        }
    }

    /** Adds {@code Σ output ⊙ weights} (kept per item) as the loss; nothing when the layer failed. */
    private static BuiltGraph.ObjectiveVars addObjective(SameDiff sd, OpOutput out) {
        if (out == null) {
            return null;
        }
        int rank = out.shape().length + 1;
        long[] open = new long[rank];
        Arrays.fill(open, -1);
        SDVariable w = sd.placeHolder(OBJECTIVE_WEIGHTS, DataType.FLOAT, open);
        SDVariable perItem = sd.sum(OBJECTIVE_PER_ITEM, out.variable().mul(w), false,
                IntStream.range(1, rank).toArray());
        sd.setLossVariables(sd.sum("objective", perItem));
        return new BuiltGraph.ObjectiveVars(OBJECTIVE_WEIGHTS, OBJECTIVE_PER_ITEM);
    }

    /**
     * Where to cut the model for a gradient with respect to layers only: the nodes whose values a
     * graph of just the part between {@code wrt} and the objective must be fed — the {@code wrt}
     * layers and any other tensor that part reads (a skip connection from further back). Their
     * values come from the forward pass, usually already in the activation cache, so Grad-CAM after
     * looking at activations costs only the head.
     *
     * @return the nodes to feed, in execution order, or empty when the question does not allow a
     *         cut (an input among {@code wrt}, or one {@code wrt} layer depending on another)
     */
    Optional<List<String>> cut(String objectiveLayer, Set<String> wrt) {
        Set<String> ancestors = ancestors(objectiveLayer);
        Set<String> dependent = new HashSet<>();
        for (LayerSpec l : spec.layers()) {
            boolean fromWrt = l.inbound().stream().anyMatch(dependent::contains);
            if (wrt.contains(l.name())) {
                if (fromWrt || "InputLayer".equals(l.kerasClass())) {
                    return Optional.empty();
                }
                dependent.add(l.name());
            } else if (fromWrt) {
                dependent.add(l.name());
            }
        }
        if (!ancestors.containsAll(wrt)) {
            return Optional.empty();
        }
        Set<String> fed = new HashSet<>(wrt);
        for (LayerSpec l : spec.layers()) {
            if (ancestors.contains(l.name()) && dependent.contains(l.name()) && !wrt.contains(l.name())) {
                l.inbound().stream().filter(i -> !dependent.contains(i)).forEach(fed::add);
            }
        }
        return Optional.of(spec.layers().stream().map(LayerSpec::name).filter(fed::contains).toList());
    }

    /**
     * A gradient graph of the part between the {@link #cut} nodes and the objective; the cut
     * nodes are placeholders, in the order given, and the {@code wrt} ones carry the anchor.
     */
    BuiltGraph tail(String objectiveLayer, Set<String> wrt, List<String> fed, Map<String, long[]> fedShapes) {
        Set<String> ancestors = ancestors(objectiveLayer);
        SameDiff sd = newGraph();
        SDVariable anchor = sd.var("gradient_anchor", Nd4j.zeros(DataType.FLOAT, 1));
        BuiltGraph g = BuiltGraph.empty(sd, 0, null);
        for (int i = 0; i < fed.size(); i++) {
            String name = "fed_" + i;
            long[] shape = fedShapes.get(fed.get(i));
            SDVariable ph = sd.placeHolder(name, DataType.FLOAT, withOpenBatch(shape));
            g.placeholders().add(name);
            g.feed(fed.get(i), new OpOutput(wrt.contains(fed.get(i)) ? ph.add(anchor) : ph, shape));
        }
        Set<String> fedSet = Set.copyOf(fed);
        // build only what lies downstream of wrt; by construction of the cut all its inputs exist
        Set<String> live = new HashSet<>(wrt);
        for (LayerSpec layer : spec.layers()) {
            if (ancestors.contains(layer.name()) && !fedSet.contains(layer.name())
                    && layer.inbound().stream().anyMatch(live::contains)) {
                stats.built(layer.name());
                OpOutput out = buildLayer(sd, layer, g::output, g.failures());
                if (out != null) {
                    g.put(layer.name(), out);
                }
                live.add(layer.name());
            }
        }
        return g.withObjective(addObjective(sd, g.output(objectiveLayer)));
    }

    /**
     * @param built what the layers built so far output, {@code null} for one not built
     * @return the layer's output, or {@code null} when it failed (recorded in {@code failures})
     */
    private OpOutput buildLayer(SameDiff sd, LayerSpec layer, Function<String, OpOutput> built,
            Map<String, LayerFailure> failures) {
        List<OpOutput> inputs = new ArrayList<>();
        for (String in : layer.inbound()) {
            LayerFailure upstream = failures.get(in);
            if (upstream != null) {
                // name the layer at fault, not the chain of layers in between
                LayerFailure root = failures.get(upstream.cause());
                failures.put(layer.name(), new LayerFailure(layer.name(), layer.kerasClass(), root.message(),
                        root.cause()));
                return null;
            }
            OpOutput o = built.apply(in);
            if (o == null) {
                fail(failures, layer, in.contains(":")
                        ? MessageBundles.bind(Messages.readsOutputOfSeveral, in)
                        : MessageBundles.bind(Messages.inputNotBefore, in));
                return null;
            }
            inputs.add(o);
        }
        Optional<LayerOp> op = registry.find(layer.kerasClass());
        if (op.isEmpty()) {
            fail(failures, layer, MessageBundles.bind(Messages.classNotSupported, layer.kerasClass()));
            return null;
        }
        try {
            List<INDArray> w = weights.weights(layer);
            OpContext ctx = new OpContext(sd, layer.name(), layer.kerasClass(), new OpConfig(layer.config()), w,
                    inputs, layer.arguments());
            return op.get().build(ctx);
        } catch (UnsupportedConfigException e) {
            fail(failures, layer, e.getMessage());
        } catch (UncheckedIOException e) {
            fail(failures, layer, e.getMessage());
        } catch (RuntimeException e) {
            // a config the op did not anticipate; the layer fails, the model still runs up to it
            fail(failures, layer, MessageBundles.bind(Messages.cannotBeBuilt, e));
        }
        return null;
    }

    /**
     * Compares an input with the shape its InputLayer declares (unknown dimensions match anything).
     *
     * @return the reason they differ, or {@code null}
     */
    static String inputMismatch(LayerSpec layer, long[] shape) {
        Object declared = layer.config().get("batch_shape");
        if (declared == null) {
            declared = layer.config().get("batch_input_shape");
        }
        if (!(declared instanceof List<?> dims) || dims.isEmpty()) {
            return null;
        }
        boolean differs = dims.size() != shape.length + 1;
        for (int i = 1; !differs && i < dims.size(); i++) {
            differs = dims.get(i) instanceof Number n && n.longValue() != shape[i - 1];
        }
        if (!differs) {
            return null;
        }
        StringBuilder want = new StringBuilder();
        for (int i = 1; i < dims.size(); i++) {
            want.append(i > 1 ? ", " : "").append(dims.get(i) == null ? Messages.anyDimension : dims.get(i));
        }
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            got.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return MessageBundles.bind(Messages.inputShapeMismatch, want, got);
    }

    private static void fail(Map<String, LayerFailure> failures, LayerSpec layer, String reason) {
        failures.put(layer.name(), new LayerFailure(layer.name(), layer.kerasClass(), reason, layer.name()));
    }

    /** @return {@code layer} and every node it depends on */
    Set<String> ancestors(String layer) {
        if (!byName.containsKey(layer)) {
            throw new AnalysisException(MessageBundles.bind(Messages.noLayer, layer, spec.name()));
        }
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(layer));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            LayerSpec l = byName.get(n);
            if (l != null && seen.add(n)) {
                todo.addAll(l.inbound());
            }
        }
        return seen;
    }

    private static long[] withOpenBatch(long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = -1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
