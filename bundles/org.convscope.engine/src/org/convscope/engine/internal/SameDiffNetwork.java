package org.convscope.engine.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.GradientResult;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.LayerNotRunnableException;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.Objective;
import org.convscope.engine.ops.OpRegistry;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Relu6;
import org.nd4j.linalg.api.ops.impl.shape.Concat;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network run as SameDiff graphs: one forward graph per set of input shapes, grown as requests
 * need more layers; one gradient graph per (input shapes, objective layer), of the layers the
 * objective depends on. They share one copy of the weights, each layer's read when a graph first
 * needs it. The arrays a call works in are kept for the next call of the same shapes, and freed
 * once no call has come for {@link #IDLE_MILLIS}, on {@link #releaseWorkMemory} or on close.
 */
public final class SameDiffNetwork implements Network {

    /** Enough for the activations of every VGG16 layer for several images (~58 MB each). */
    private static final long CACHE_BYTES = 512L << 20;
    private static final int CACHED_GRAPHS = 8;
    /** What a graph's pool may keep from one forward pass to the next. */
    private static final long POOLED_BYTES = 1L << 30;
    /**
     * How long the arrays of the last call are kept for the next: a loop of calls (gradient steps,
     * an explanation's methods, Grad-CAM per class, a scan's batches) then runs on memory already
     * mapped, as TensorFlow's allocator keeps its own, instead of faulting in every activation
     * again on each call; an idle network gives the memory back soon after.
     */
    /** How many backward passes of a graph keep their buffers from call to call (see {@link #pass}). */
    private static final int BUFFERED_PASSES = 2;
    /** Bytes a pool or pass may keep while others work (a batch of one image's buffers). */
    private static final long IDLE_KEPT_BYTES = 64L << 20;
    private static final long IDLE_MILLIS = Long.getLong("convscope.workMemoryIdleMillis", 3000);
    /** Frees idle networks' arrays; a daemon, so that it never keeps a process alive. */
    private static final ScheduledExecutorService RELEASER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "convscope-work-memory");
        t.setDaemon(true);
        return t;
    });
    private static final System.Logger LOG = System.getLogger(SameDiffNetwork.class.getName());

    private final NetworkSpec spec;
    private final BuildStatistics stats = new BuildStatistics();
    private final WeightCache weights = new WeightCache(stats);
    private final SameDiffBuilder builder;
    private final Map<String, BuiltGraph> graphs = new LinkedHashMap<>(16, 0.75f, true);
    private final ActivationCache cache = new ActivationCache(CACHE_BYTES);
    private final Map<String, LayerSpec> byName = new HashMap<>();
    /** Objective layer → the lean input-gradient path, or empty when its layers need the general one. */
    private final Map<String, Optional<InputGradientChain>> chains = new HashMap<>();
    /** Gradient graph → objective variable → its backward pass. */
    private final Map<BuiltGraph, Map<String, BackwardPass>> passes = new IdentityHashMap<>();
    /** Per graph, its backward passes that keep their buffers, the one used last first (see {@link #pass}). */
    private final Map<BuiltGraph, Deque<BackwardPass>> recentPasses = new IdentityHashMap<>();
    /** Forward runners by graph and by the variables they keep; their arrays come from the graph's pool. */
    private final Map<BuiltGraph, Map<Set<String>, GraphRunner>> runners = new IdentityHashMap<>();
    private final Map<BuiltGraph, BufferPool> pools = new IdentityHashMap<>();
    /** Graphs whose forward pass {@link GraphRunner} cannot run. */
    private final Set<BuiltGraph> sameDiffForward = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Every op that has sent a gradient to SameDiff's backward pass, e.g. {@code "pad (Pad)"}. */
    private final Set<String> fallbackOps = new TreeSet<>();
    /** Gradient graphs whose use of SameDiff's backward pass has been logged. */
    private final Set<BuiltGraph> fallbackLogged = Collections.newSetFromMap(new IdentityHashMap<>());
    private long idleNanos = TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS);
    private long idleKeptBytes = IDLE_KEPT_BYTES;
    /** When the last call that may have filled the pools ended ({@link System#nanoTime}). */
    private long lastCall;
    /** The pending release of the work memory, or {@code null} when none is pending. */
    private ScheduledFuture<?> release;
    private boolean closed;

    public SameDiffNetwork(NetworkSpec spec, OpRegistry registry) {
        this.spec = spec;
        this.builder = new SameDiffBuilder(spec, registry, weights, stats);
        for (LayerSpec l : spec.layers()) {
            if (byName.put(l.name(), l) != null) {
                throw new IllegalArgumentException("two nodes named '" + l.name() + "' in " + spec.name());
            }
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public List<String> layerNames() {
        return spec.layers().stream().map(LayerSpec::name).toList();
    }

    @Override
    public List<String> inputNames() {
        return spec.inputNames();
    }

    @Override
    public synchronized Map<String, LayerFailure> check(List<int[]> inputShapes) {
        List<long[]> shapes = new ArrayList<>();
        for (int[] s : inputShapes) {
            shapes.add(featureShape(s));
        }
        Map<String, LayerFailure> failures = forwardGraph(shapes, layerNames()).failures();
        Map<String, LayerFailure> inOrder = new LinkedHashMap<>();
        for (LayerSpec l : spec.layers()) {
            if (failures.containsKey(l.name())) {
                inOrder.put(l.name(), failures.get(l.name()));
            }
        }
        return inOrder;
    }

    @Override
    public synchronized Map<String, int[]> outputShapes(List<int[]> inputShapes) {
        return shapes(inputShapes, null);
    }

    @Override
    public synchronized Map<String, int[]> outputShapes(List<int[]> inputShapes, String layer) {
        return shapes(inputShapes, node(layer));
    }

    /** @param upTo the layer whose shape and its ancestors' to give, or {@code null} for every layer's */
    private Map<String, int[]> shapes(List<int[]> inputShapes, String upTo) {
        List<long[]> shapes = new ArrayList<>();
        for (int[] s : inputShapes) {
            shapes.add(featureShape(s));
        }
        int batch = inputShapes.get(0)[0];
        BuiltGraph g = forwardGraph(shapes, upTo == null ? layerNames() : List.of(upTo));
        Set<String> wanted = upTo == null ? null : builder.ancestors(upTo);
        Map<String, int[]> out = new LinkedHashMap<>();
        for (LayerSpec l : spec.layers()) {
            long[] s = g.shapes().get(l.name());
            if (s == null || wanted != null && !wanted.contains(l.name())) {
                continue;
            }
            int[] withBatch = new int[s.length + 1];
            withBatch[0] = batch;
            for (int i = 0; i < s.length; i++) {
                withBatch[i + 1] = Math.toIntExact(s[i]);
            }
            out.put(l.name(), withBatch);
        }
        return out;
    }

    @Override
    public synchronized ForwardResult forward(List<Tensor> inputs, Collection<String> layers) {
        try {
            return forwardNow(inputs, layers);
        } finally {
            used();
        }
    }

    @Override
    public synchronized ForwardResult forwardOnce(List<Tensor> inputs, Collection<String> layers) {
        try {
            return forwardNow(inputs, layers, false);
        } finally {
            used();
        }
    }

    private ForwardResult forwardNow(List<Tensor> inputs, Collection<String> layers) {
        return forwardNow(inputs, layers, true);
    }

    private ForwardResult forwardNow(List<Tensor> inputs, Collection<String> layers, boolean cached) {
        Collection<String> requested = layers.isEmpty() ? layerNames() : layers;
        List<String> nodes = new ArrayList<>(new LinkedHashSet<>(requested.stream().map(this::node).toList()));
        Map<String, Tensor> known = cached ? cache.of(inputs) : new HashMap<>();
        BuiltGraph g = forwardGraph(featureShapes(inputs), nodes);
        Map<String, LayerFailure> failures = new LinkedHashMap<>();
        List<String> toRun = new ArrayList<>();
        for (String r : requested) {
            String l = node(r);
            if (g.failures().containsKey(l)) {
                failures.put(l, g.failures().get(l));
            } else if (!known.containsKey(l) && !toRun.contains(l)) {
                toRun.add(l);
            }
        }
        if (!toRun.isEmpty()) {
            run(g, inputs, toRun, known, failures);
            if (cached) {
                cache.trim(known);
            }
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        Map<String, LayerFailure> failed = new LinkedHashMap<>();
        for (String r : requested) {
            String l = node(r);
            if (known.containsKey(l)) {
                outputs.put(r, known.get(l));
            } else if (failures.containsKey(l)) {
                failed.put(r, failures.get(l));
            }
        }
        return new ForwardResult(outputs, failed);
    }

    /** @return the node a requested name designates; fails for an unknown name */
    private String node(String requested) {
        String n = spec.resolve(requested);
        if (!byName.containsKey(n)) {
            throw new AnalysisException(MessageBundles.bind(Messages.noLayer, requested, spec.name()));
        }
        return n;
    }

    /** Runs the layers in one pass; if the native side fails, finds the layer at fault. */
    private void run(BuiltGraph g, List<Tensor> inputs, List<String> layers, Map<String, Tensor> known,
            Map<String, LayerFailure> failures) {
        Map<String, INDArray> placeholders = placeholders(g, inputs);
        try {
            try {
                known.putAll(execute(g, placeholders, layers));
            } catch (RuntimeException e) {
                // one pass failed: go layer by layer in execution order to name the culprit
                Set<String> wanted = new HashSet<>(layers);
                for (LayerSpec l : spec.layers()) {
                    if (!wanted.contains(l.name()) || failures.containsKey(l.name())) {
                        continue;
                    }
                    try {
                        known.putAll(execute(g, placeholders, List.of(l.name())));
                    } catch (RuntimeException single) {
                        markFailed(l, MessageBundles.bind(Messages.failedWhileRunning, single.getMessage()), wanted,
                                failures);
                    }
                }
            }
        } finally {
            placeholders.values().forEach(NdArrays::release);
        }
    }

    private Map<String, Tensor> execute(BuiltGraph g, Map<String, INDArray> placeholders, List<String> layers) {
        releaseIdleOthers(pools.get(g), placeholders);
        Set<String> vars = new LinkedHashSet<>();
        for (String l : layers) {
            vars.add(g.variables().get(l));
        }
        List<INDArray> own = new ArrayList<>();
        Map<String, INDArray> out = run(g, placeholders, vars, own);
        if (out == null) {
            out = g.sd().output(placeholders, new ArrayList<>(vars));
            out.values().stream().filter(a -> !placeholders.containsValue(a)).forEach(own::add);
        }
        BufferPool pool = pools.get(g);
        try {
            Map<String, Tensor> result = new HashMap<>();
            for (String l : layers) {
                result.put(l, NdArrays.toTensor(out.get(g.variables().get(l))));
            }
            return result;
        } finally {
            for (INDArray a : own) {
                if (pool != null && pool.owns(a)) {
                    pool.give(a);
                } else {
                    NdArrays.release(a);
                }
            }
            if (pool != null) {
                pool.endPass();
                pool.trim(POOLED_BYTES);
            }
        }
    }

    /**
     * The forward pass by {@link GraphRunner}, or {@code null} when this graph's ops cannot run that
     * way (then SameDiff's {@code output()} does it).
     */
    private Map<String, INDArray> run(BuiltGraph g, Map<String, INDArray> placeholders, Set<String> vars,
            List<INDArray> own) {
        if (sameDiffForward.contains(g)) {
            return null;
        }
        GraphRunner runner = runners.computeIfAbsent(g, k -> new HashMap<>()).computeIfAbsent(Set.copyOf(vars),
                v -> new GraphRunner(g.sd(), pools.computeIfAbsent(g, k -> new BufferPool(true)), v));
        try {
            return runner.run(placeholders, own);
        } catch (GraphRunner.RunnerException e) {
            sameDiffForward.add(g);
            LOG.log(System.Logger.Level.INFO, "forward pass of " + spec.name() + ": SameDiff's, for " + e.getMessage(),
                    e);
            return null;
        }
    }

    /** Marks {@code layer} and the requested layers depending on it as failed. */
    private void markFailed(LayerSpec layer, String reason, Set<String> wanted, Map<String, LayerFailure> failures) {
        LayerFailure root = new LayerFailure(layer.name(), layer.kerasClass(), reason, layer.name());
        failures.put(layer.name(), root);
        for (LayerSpec l : spec.layers()) {
            if (wanted.contains(l.name()) && !l.name().equals(layer.name())
                    && builder.ancestors(l.name()).contains(layer.name())) {
                failures.put(l.name(), new LayerFailure(l.name(), l.kerasClass(), root.message(), layer.name()));
            }
        }
    }

    @Override
    public synchronized GradientResult gradients(List<Tensor> inputs, Objective objective, Collection<String> wrt) {
        try {
            return gradientsNow(inputs, objective, wrt);
        } finally {
            used();
        }
    }

    private GradientResult gradientsNow(List<Tensor> inputs, Objective objective, Collection<String> wrt) {
        if (wrt.isEmpty()) {
            throw new IllegalArgumentException("no tensor to differentiate with respect to");
        }
        String objectiveNode = node(objective.layer());
        Set<String> wrtNodes = new TreeSet<>();
        for (String name : wrt) {
            wrtNodes.add(node(name));
        }
        Optional<GradientResult> lean = inputGradient(inputs, objective, objectiveNode, wrt, wrtNodes);
        if (lean.isPresent()) {
            return lean.get();
        }
        Optional<List<String>> cut = builder.cut(objectiveNode, wrtNodes);
        BuiltGraph g;
        Map<String, INDArray> placeholders;
        Map<String, Tensor> fedValues = new HashMap<>();
        if (cut.isPresent()) {
            // layers only: feed the cut from the forward pass (cached when the activations were seen)
            ForwardResult fr = forward(inputs, cut.get());
            if (!fr.failures().isEmpty()) {
                throw new LayerNotRunnableException(fr.failures().values().iterator().next());
            }
            Map<String, long[]> fedShapes = new HashMap<>();
            StringBuilder key = new StringBuilder("tail:" + objectiveNode + wrtNodes);
            for (String n : cut.get()) {
                long[] s = featureShape(fr.output(n).shape());
                fedShapes.put(n, s);
                fedValues.put(n, fr.output(n));
                key.append('|').append(Arrays.toString(s));
            }
            g = graphs.get(key.toString());
            if (g == null) {
                g = builder.tail(objectiveNode, wrtNodes, cut.get(), fedShapes);
                remember(key.toString(), g);
            }
            placeholders = new HashMap<>();
            for (int i = 0; i < cut.get().size(); i++) {
                placeholders.put(g.placeholders().get(i), NdArrays.toNd(fedValues.get(cut.get().get(i))));
            }
        } else {
            g = gradientGraph(featureShapes(inputs), objectiveNode, wrtNodes);
            placeholders = placeholders(g, inputs);
        }
        try {
            return differentiate(g, placeholders, inputs, objective, objectiveNode, wrt, fedValues);
        } finally {
            placeholders.values().forEach(NdArrays::release);
        }
    }

    @Override
    public synchronized Tensor forwardReplacing(List<Tensor> inputs, String layer, Tensor replacement, String output) {
        try {
            return forwardReplacingNow(inputs, layer, replacement, output);
        } finally {
            used();
        }
    }

    private Tensor forwardReplacingNow(List<Tensor> inputs, String layer, Tensor replacement, String output) {
        String outputNode = node(output);
        String replaced = node(layer);
        Set<String> wrtNodes = Set.of(replaced);
        List<String> cut = builder.cut(outputNode, wrtNodes).orElseThrow(
                () -> new AnalysisException(MessageBundles.bind(Messages.notDownstream, output, layer, spec.name())));
        ForwardResult fr = forward(inputs, cut);
        if (!fr.failures().isEmpty()) {
            throw new LayerNotRunnableException(fr.failures().values().iterator().next());
        }
        Map<String, long[]> fedShapes = new HashMap<>();
        StringBuilder key = new StringBuilder("tail:" + outputNode + wrtNodes);
        for (String n : cut) {
            long[] s = featureShape(fr.output(n).shape());
            fedShapes.put(n, s);
            key.append('|').append(Arrays.toString(s));
        }
        BuiltGraph g = graphs.get(key.toString());
        if (g == null) {
            g = builder.tail(outputNode, wrtNodes, cut, fedShapes);
            remember(key.toString(), g);
        }
        LayerFailure f = g.failures().get(outputNode);
        if (f != null) {
            throw new LayerNotRunnableException(f);
        }
        int copies = replacement.dim(0);
        Map<String, INDArray> placeholders = new HashMap<>();
        // the fed arrays come from the tail's pool: a caller runs the tail batch after batch (one
        // per channel batch in Ablation-CAM), and a fresh native array each time cost as much as
        // the tail itself (page faults of a new block)
        BufferPool pool = pools.computeIfAbsent(g, k -> new BufferPool(true));
        List<INDArray> fed = new ArrayList<>();
        INDArray weights = null;
        try {
            for (int i = 0; i < cut.size(); i++) {
                String n = cut.get(i);
                Tensor t = n.equals(replaced) ? replacement : repeated(fr.output(n), copies);
                INDArray a = NdArrays.toNd(t, pool);
                fed.add(a);
                placeholders.put(g.placeholders().get(i), a);
            }
            long[] ones = new long[g.shapes().get(outputNode).length + 1];
            Arrays.fill(ones, 1);
            // the tail is a gradient graph: its objective's weights are a placeholder too
            weights = Nd4j.ones(DataType.FLOAT, ones);
            placeholders.put(g.objective().weights(), weights);
            return execute(g, placeholders, List.of(outputNode)).get(outputNode);
        } finally {
            fed.forEach(pool::give);
            pool.endPass();
            NdArrays.release(weights);
        }
    }

    /** @return batch item 0 of {@code t} repeated {@code copies} times along the batch axis */
    private static Tensor repeated(Tensor t, int copies) {
        int[] shape = t.shape();
        int item = t.size() / shape[0];
        float[] out = new float[item * copies];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(t.data(), 0, out, i * item, item);
        }
        shape[0] = copies;
        return new Tensor(out, shape);
    }

    /** The gradient with respect to the only input, through {@link InputGradientChain} when it applies. */
    private Optional<GradientResult> inputGradient(List<Tensor> inputs, Objective objective, String objectiveNode,
            Collection<String> wrt, Set<String> wrtNodes) {
        if (objective.beforeActivation() || objective.guided() || inputs.size() != 1 || spec.inputNames().size() != 1
                || wrt.size() != 1
                || !wrtNodes.equals(Set.of(spec.inputNames().get(0)))
                || SameDiffBuilder.inputMismatch(byName.get(spec.inputNames().get(0)),
                        featureShape(inputs.get(0).shape())) != null) {
            return Optional.empty();
        }
        Optional<InputGradientChain> chain = chains.computeIfAbsent(objectiveNode,
                l -> InputGradientChain.plan(spec, l, weights));
        if (chain.isEmpty() || !chain.get().accepts(inputs.get(0).shape())) {
            return Optional.empty();
        }
        InputGradientChain.Result r = chain.get().run(inputs.get(0), objective);
        String name = wrt.iterator().next();
        return Optional.of(new GradientResult(Map.of(name, r.gradient()), Map.of(name, inputs.get(0)), r.perItem()));
    }

    private GradientResult differentiate(BuiltGraph g, Map<String, INDArray> placeholders, List<Tensor> inputs,
            Objective objective, String objectiveNode, Collection<String> wrt, Map<String, Tensor> fedValues) {
        LayerFailure f = g.failures().get(objectiveNode);
        if (f != null) {
            throw new LayerNotRunnableException(f);
        }
        List<String> inputNames = spec.inputNames();
        Map<String, String> wrtVars = new LinkedHashMap<>();
        List<String> outputVars = new ArrayList<>(List.of(g.objective().perItem()));
        for (String name : wrt) {
            String n = spec.resolve(name);
            int input = inputNames.indexOf(n);
            if (input >= 0) {
                if (g.placeholders().get(input) == null) {
                    throw new IllegalArgumentException(
                            MessageBundles.bind(Messages.notDependedOn, objective.layer(), name));
                }
                wrtVars.put(name, g.placeholders().get(input));
            } else if (g.variables().containsKey(n)) {
                wrtVars.put(name, g.variables().get(n));
                if (!fedValues.containsKey(n)) {
                    outputVars.add(g.variables().get(n));
                }
            } else if (g.failures().containsKey(n)) {
                throw new LayerNotRunnableException(g.failures().get(n));
            } else {
                throw new IllegalArgumentException(
                        MessageBundles.bind(Messages.notInputOrDependency, name, objective.layer()));
            }
        }
        // narrowed only for gradients with respect to inputs, whose values the pass does not compute
        Objective part = g.placeholders().containsAll(wrtVars.values())
                ? narrowed(g, objectiveNode, objective)
                : objective;
        if (part != objective) {
            String partVar = objectiveVariable(g, part.layer(), part.beforeActivation());
            BackwardPass narrow = pass(g, partVar, wrtVars.values());
            if (narrow.covers()) {
                return reverse(narrow, placeholders, inputs, part, wrtVars, fedValues);
            }
        }
        String objectiveVar = objectiveVariable(g, objectiveNode, objective.beforeActivation());
        BackwardPass pass = pass(g, objectiveVar, wrtVars.values());
        if (pass.covers()) {
            return reverse(pass, placeholders, inputs, objective, wrtVars, fedValues);
        }
        if (objective.guided()) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.guidedNeedsOwnPass, spec.name(), pass.uncovered()));
        }
        if (fallbackLogged.add(g)) {
            fallbackOps.addAll(pass.uncovered());
            LOG.log(System.Logger.Level.INFO, "gradient of {0} in {1}: SameDiff''s backward pass, for {2}",
                    objective.layer(), spec.name(), pass.uncovered());
        }
        INDArray weights = NdArrays.toNd(objective.weights());
        placeholders.put(g.objective().weights(), weights);
        OutAndGrad r = null;
        try {
            r = QuietStdout.call(() -> g.sd().calculateGradientsAndOutputs(placeholders, outputVars,
                    new ArrayList<>(new LinkedHashSet<>(wrtVars.values()))));
            float[] perItem = NdArrays.toTensor(r.getOutputs().get(g.objective().perItem())).data();
            return result(wrtVars, r.getGradients()::get, r.getOutputs()::get, inputs, fedValues, perItem);
        } finally {
            if (r != null) {
                r.getGradients().values().forEach(NdArrays::release);
                r.getOutputs().values().stream().filter(a -> !placeholders.containsValue(a)).forEach(NdArrays::release);
            }
        }
    }

    /**
     * The backward pass of {@code g} to {@code objectiveVar}, made once. The two passes of the
     * graph used last keep their buffers (a filter ascent may take turns between a layer and the
     * value before its ReLU); an older one gives them back, so that passes taken one after the
     * other (one per part of a concatenation, {@link #narrowed}) do not each hold their memory.
     */
    private BackwardPass pass(BuiltGraph g, String objectiveVar, Collection<String> wrtVars) {
        Map<String, BackwardPass> forGraph = passes.computeIfAbsent(g, k -> new HashMap<>());
        BackwardPass pass = forGraph.computeIfAbsent(objectiveVar, v -> new BackwardPass(g.sd(), v, wrtVars));
        Deque<BackwardPass> recent = recentPasses.computeIfAbsent(g, k -> new ArrayDeque<>());
        recent.remove(pass);
        recent.addFirst(pass);
        while (recent.size() > BUFFERED_PASSES) {
            recent.removeLast().releaseBuffers();
        }
        return pass;
    }

    /**
     * Before a call on a batch (placeholders of more than one item), frees the buffers kept by the
     * forward pools and gradient passes other than {@code keep} that hold more than
     * {@link #IDLE_KEPT_BYTES} (for tests, {@link #keepWhileIdle}) and have none in use: work of another graph, pass or
     * batch size would otherwise hold two batch-sized sets at once (the explain methods one after
     * the other held Score-CAM's forward buffers through Integrated Gradients' gradient pass: 1.9
     * GB for MobileNetV2 where either needs 1.1–1.4 GB). Batch-1 buffers stay.
     */
    private void releaseIdleOthers(Object keep, Map<String, INDArray> placeholders) {
        if (placeholders.values().stream().allMatch(a -> a.rank() == 0 || a.size(0) <= 1)) {
            // one image: a batch's buffers stay for the next batch call (Integrated Gradients' pass
            // between its calls' one-image forward passes)
            return;
        }
        for (BufferPool p : pools.values()) {
            if (p != keep && p.inUseBytes() == 0 && p.bytes() > idleKeptBytes) {
                p.close();
            }
        }
        for (Map<String, BackwardPass> forGraph : passes.values()) {
            for (BackwardPass b : forGraph.values()) {
                if (b != keep && b.pooledBytes() > idleKeptBytes) {
                    b.releaseBuffers();
                }
            }
        }
    }

    /**
     * A channel objective on a concatenation along channels whose weights reach the channels of
     * one of its parts only is that part's objective, on its channels: the other parts are then
     * neither computed nor differentiated. A filter pattern weighs one channel, and Inception's
     * mixed blocks concatenate three or four branches, so its ascent runs one branch of the last
     * block. A part that is a concatenation too is narrowed in turn.
     *
     * @return the objective on the part, or {@code objective} itself
     */
    private Objective narrowed(BuiltGraph g, String node, Objective objective) {
        LayerSpec l = byName.get(node);
        long[] shape = g.shapes().get(node);
        int[] ws = objective.weights().shape();
        if (l == null || !"Concatenate".equals(l.kerasClass()) || shape == null || ws.length != shape.length + 1
                || ws[ws.length - 1] != shape[shape.length - 1]) {
            return objective;
        }
        int axis = ((Number) l.config().getOrDefault("axis", -1)).intValue();
        if (axis != -1 && axis != shape.length) {
            return objective;
        }
        int channels = ws[ws.length - 1];
        float[] w = objective.weights().data();
        int lo = channels;
        int hi = -1;
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                lo = Math.min(lo, i % channels);
                hi = Math.max(hi, i % channels);
            }
        }
        int offset = 0;
        for (String in : l.inbound()) {
            long[] s = g.shapes().get(in);
            if (s == null || !g.variables().containsKey(in) || s.length != shape.length) {
                return objective;
            }
            int size = (int) s[s.length - 1];
            if (lo >= offset && hi < offset + size) {
                float[] part = new float[w.length / channels * size];
                for (int r = 0; r < w.length / channels; r++) {
                    System.arraycopy(w, r * channels + offset, part, r * size, size);
                }
                int[] ps = ws.clone();
                ps[ps.length - 1] = size;
                Objective narrow = new Objective(in, new Tensor(part, ps), objective.beforeActivation(),
                        objective.guided());
                return narrowed(g, in, narrow);
            }
            offset += size;
        }
        return objective;
    }

    /**
     * @param beforeActivation whether to take the value going into the layer's final ReLU (or
     *                         ReLU6), when it has one; for a concatenation (Inception's mixed
     *                         blocks), the concatenation of what goes into each branch's, so that
     *                         every channel of it has a value before its activation
     * @return the graph variable the objective weighs
     */
    private static String objectiveVariable(BuiltGraph g, String node, boolean beforeActivation) {
        String v = g.variables().get(node);
        if (!beforeActivation) {
            return v;
        }
        String before = beforeRelu(g.sd(), v);
        return before != null ? before : v;
    }

    /**
     * What goes into the ReLU that ends {@code v}: the argument of a plain ReLU or ReLU6 (also
     * as a ReLU clipped to [0, max]); through a leaky ReLU on top of one, what goes into that ReLU
     * (its gradient is zero where the ReLU's is); for a concatenation, its parts each taken so,
     * concatenated anew (once per graph, by name).
     *
     * @return the graph variable, or null when no ReLU ends {@code v}
     */
    private static String beforeRelu(SameDiff sd, String v) {
        DifferentialFunction op = sd.getVariableOutputOp(v);
        if (op instanceof RectifiedLinear r && r.getScalarValue().getDouble(0) == 0
                || op instanceof Relu6 r6 && r6.getScalarValue().getDouble(0) == 0) {
            return op.argNames()[0];
        }
        if (op instanceof ClipByValue c && c.argNames().length == 1 && c.tArgs().length == 2 && c.tArgs()[0] == 0
                && sd.getVariableOutputOp(c.argNames()[0]) instanceof RectifiedLinear r
                && r.getScalarValue().getDouble(0) == 0) {
            return r.argNames()[0];
        }
        if (op instanceof LeakyReLU) {
            return beforeRelu(sd, op.argNames()[0]);
        }
        if (op instanceof Concat c) {
            String name = v + "_before_activation";
            if (sd.hasVariable(name)) {
                return name;
            }
            String[] args = c.argNames();
            SDVariable[] parts = new SDVariable[args.length];
            boolean any = false;
            for (int i = 0; i < args.length; i++) {
                String b = beforeRelu(sd, args[i]);
                any |= b != null;
                parts[i] = sd.getVariable(b != null ? b : args[i]);
            }
            return any ? sd.concat(name, (int) c.iArgs()[0], parts).name() : null;
        }
        return null;
    }

    /**
     * Pairs each requested tensor's gradient with its value: an input as it was given, a value
     * fed in place of a layer, or the value the pass computed.
     *
     * @param wrtVars   requested name → graph variable
     * @param gradient  graph variable → its gradient
     * @param value     graph variable → its computed value
     * @param perItem   the objective per batch item
     */
    private GradientResult result(Map<String, String> wrtVars, Function<String, INDArray> gradient,
            Function<String, INDArray> value, List<Tensor> inputs, Map<String, Tensor> fedValues, float[] perItem) {
        List<String> inputNames = spec.inputNames();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : wrtVars.entrySet()) {
            grads.put(e.getKey(), NdArrays.toTensor(gradient.apply(e.getValue())));
            String n = spec.resolve(e.getKey());
            int input = inputNames.indexOf(n);
            values.put(e.getKey(), input >= 0
                    ? inputs.get(input)
                    : fedValues.containsKey(n) ? fedValues.get(n) : NdArrays.toTensor(value.apply(e.getValue())));
        }
        return new GradientResult(grads, values, perItem);
    }

    /** The gradients through {@link BackwardPass}. */
    private GradientResult reverse(BackwardPass pass, Map<String, INDArray> placeholders, List<Tensor> inputs,
            Objective objective, Map<String, String> wrtVars, Map<String, Tensor> fedValues) {
        releaseIdleOthers(pass, placeholders);
        List<INDArray> own = new ArrayList<>();
        INDArray weights = NdArrays.toNd(objective.weights());
        own.add(weights);
        try {
            BackwardPass.Result r = pass.run(placeholders, weights, own, objective.guided());
            return result(wrtVars, r.gradients()::get, r.values()::get, inputs, fedValues,
                    NdArrays.toTensor(r.perItem()).data());
        } finally {
            pass.free(own);
        }
    }

    private static Map<String, INDArray> placeholders(BuiltGraph g, List<Tensor> inputs) {
        Map<String, INDArray> ph = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            // a gradient graph leaves out inputs its objective does not depend on
            if (g.placeholders().get(i) != null) {
                ph.put(g.placeholders().get(i), NdArrays.toNd(inputs.get(i)));
            }
        }
        return ph;
    }

    /**
     * The forward graph for inputs of these shapes, with (at least) the layers {@code outputs}
     * depend on: one graph per set of shapes, grown by each request that needs more of it.
     */
    private BuiltGraph forwardGraph(List<long[]> shapes, Collection<String> outputs) {
        String key = key("forward", shapes);
        BuiltGraph g = graphs.get(key);
        if (g == null) {
            g = builder.forward(shapes);
            remember(key, g);
        }
        builder.extend(g, shapes, outputs);
        return g;
    }

    /** The gradient graph of {@code objectiveLayer}'s ancestors, differentiable at {@code wrt}. */
    private BuiltGraph gradientGraph(List<long[]> shapes, String objectiveLayer, Set<String> wrt) {
        String key = key("gradient:" + objectiveLayer + wrt, shapes);
        BuiltGraph g = graphs.get(key);
        if (g == null) {
            g = builder.gradient(shapes, objectiveLayer, wrt);
            remember(key, g);
        }
        return g;
    }

    private static String key(String kind, List<long[]> shapes) {
        StringBuilder key = new StringBuilder(kind);
        shapes.forEach(s -> key.append('|').append(Arrays.toString(s)));
        return key.toString();
    }

    private void remember(String key, BuiltGraph g) {
        graphs.put(key, g);
        while (graphs.size() > CACHED_GRAPHS) {
            forget(graphs.remove(graphs.keySet().iterator().next()));
        }
    }

    private void forget(BuiltGraph g) {
        Map<Set<String>, GraphRunner> graphRunners = runners.remove(g);
        if (graphRunners != null) {
            graphRunners.values().forEach(GraphRunner::close);
        }
        sameDiffForward.remove(g);
        BufferPool pool = pools.remove(g);
        if (pool != null) {
            pool.close();
        }
        Map<String, BackwardPass> forGraph = passes.remove(g);
        recentPasses.remove(g);
        if (forGraph != null) {
            forGraph.values().forEach(BackwardPass::close);
        }
        fallbackLogged.remove(g);
    }

    private List<long[]> featureShapes(List<Tensor> inputs) {
        if (inputs.size() != spec.inputNames().size()) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.inputCount, spec.name(), spec.inputNames().size(), inputs.size()));
        }
        List<long[]> shapes = new ArrayList<>();
        for (Tensor t : inputs) {
            shapes.add(featureShape(t.shape()));
        }
        return shapes;
    }

    private static long[] featureShape(int[] withBatch) {
        if (withBatch.length < 2) {
            throw new AnalysisException(Messages.noBatchAxis);
        }
        long[] s = new long[withBatch.length - 1];
        for (int i = 1; i < withBatch.length; i++) {
            s[i - 1] = withBatch[i];
        }
        return s;
    }

    /**
     * @return the ops (libnd4j name and class) for which gradients so far took SameDiff's backward
     *         pass because {@link BackwardPass} has none; empty when it computed them all
     */
    synchronized Set<String> fallbacks() {
        return Set.copyOf(fallbackOps);
    }

    /** @return whether a forward pass so far took SameDiff's {@code output()} because {@link GraphRunner} could not run it */
    synchronized boolean forwardFellBack() {
        return !sameDiffForward.isEmpty();
    }

    /** @return how many convolutions of the forward runners so far run with a batch normalization folded in */
    synchronized int folds() {
        return forwardRunners().mapToInt(GraphRunner::folds).sum();
    }

    /** @return how many convolutions of the forward runners so far run with a ReLU or ReLU6 fused in */
    synchronized int fusedRectifiers() {
        return forwardRunners().mapToInt(GraphRunner::fused).sum();
    }

    /** @return how many convolutions of the forward runners so far run with a residual add fused in */
    synchronized int fusedResiduals() {
        return forwardRunners().mapToInt(GraphRunner::residuals).sum();
    }

    /** @return how many oneDNN convolution primitives the forward runners keep */
    synchronized int directConvolutions() {
        return forwardRunners().mapToInt(GraphRunner::directPrimitives).sum();
    }

    /**
     * @return how many zero paddings the last call of each forward runner and gradient pass so far
     *         folded into their convolutions
     */
    synchronized int paddingsSkipped() {
        return forwardRunners().mapToInt(GraphRunner::paddingsSkipped).sum()
                + passes.values().stream().flatMap(m -> m.values().stream()).mapToInt(BackwardPass::paddingsSkipped)
                        .sum();
    }

    /** @return the bytes of the kernels with a batch normalization folded in that the forward runners hold */
    synchronized long foldedKernelBytes() {
        return forwardRunners().mapToLong(GraphRunner::foldedBytes).sum();
    }

    private Stream<GraphRunner> forwardRunners() {
        return runners.values().stream().flatMap(r -> r.values().stream());
    }

    /** @return the bytes of native arrays kept from one forward or gradient call to the next */
    synchronized long pooledBytes() {
        return forwardPooledBytes() + passes.values().stream()
                .flatMap(m -> m.values().stream()).mapToLong(BackwardPass::pooledBytes).sum();
    }

    /**
     * @return the weights' bytes, the kernels the forward runners hold with a batch normalization
     *         folded in and in oneDNN's layouts, and for each gradient pass so far what it holds by
     *         kind (see {@code releng/benchmarks/src/.../MemoryProfile})
     */
    synchronized Map<String, Object> memory() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weights", weights.bytes());
        m.put("forward runners' folded kernels", foldedKernelBytes());
        m.put("forward runners' oneDNN kernels", forwardRunners().mapToLong(GraphRunner::dnnlKernelBytes).sum());
        passes.values().forEach(p -> p.forEach((v, pass) -> m.put(v, pass.memory())));
        return m;
    }

    /** @return what this network has built and read so far */
    BuildStatistics statistics() {
        return stats;
    }

    /** Sets how many bytes a pool or pass keeps while another works, for tests. */
    synchronized void keepWhileIdle(long bytes) {
        idleKeptBytes = bytes;
    }

    /** @return the bytes the forward passes' pools hold (those of the gradient passes not counted) */
    synchronized long forwardPooledBytes() {
        return pools.values().stream().mapToLong(BufferPool::bytes).sum();
    }

    /** @return how many inputs the activation cache holds activations of */
    synchronized int cachedInputs() {
        return cache.size();
    }

    /** Sets how long the work memory is kept after a call, for tests. */
    synchronized void keepWorkMemoryFor(long millis) {
        idleNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Notes the end of a call, and makes sure a release of the work memory is pending. */
    private void used() {
        lastCall = System.nanoTime();
        if (release == null && !closed) {
            release = RELEASER.schedule(this::releaseIfIdle, idleNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Frees the work memory if no call came for the idle time, or looks again when it will have. */
    private synchronized void releaseIfIdle() {
        release = null;
        if (closed) {
            return;
        }
        long left = idleNanos - (System.nanoTime() - lastCall);
        if (left > 0) {
            release = RELEASER.schedule(this::releaseIfIdle, left, TimeUnit.NANOSECONDS);
        } else {
            releaseWorkMemory();
        }
    }

    /**
     * Layer classes whose builders put their weights into the graph as they are, or as views of
     * them, never as copies (a dilated or grouped convolution's kernel is a copy, and is caught by
     * {@link #heldAsTheyAre}): their weights can be replaced in place.
     */
    private static final Set<String> REPLACEABLE = Set.of("Dense", "Conv1D", "Convolution1D", "Conv2D",
            "Convolution2D", "DepthwiseConv2D", "SeparableConv2D", "SeparableConvolution2D", "Conv2DTranspose");

    @Override
    public synchronized <T> Optional<T> withWeights(Map<String, UnaryOperator<List<Tensor>>> replace,
            Supplier<T> work) {
        Map<LayerSpec, List<INDArray>> layers = new LinkedHashMap<>();
        for (String name : replace.keySet()) {
            LayerSpec l = byName.get(name);
            if (l == null || !REPLACEABLE.contains(l.kerasClass())) {
                return Optional.empty();
            }
            List<INDArray> arrays = weights.weights(l);
            if (arrays.stream().anyMatch(a -> a.dataType() != DataType.FLOAT)) {
                return Optional.empty();
            }
            layers.put(l, arrays);
        }
        if (!heldAsTheyAre(layers)) {
            return Optional.empty();
        }
        List<INDArray> targets = new ArrayList<>();
        List<Tensor> originals = new ArrayList<>();
        List<Tensor> values = new ArrayList<>();
        for (Map.Entry<LayerSpec, List<INDArray>> e : layers.entrySet()) {
            List<Tensor> before = e.getValue().stream().map(NdArrays::toTensor).toList();
            List<Tensor> after = replace.get(e.getKey().name()).apply(before);
            if (after.size() != before.size()) {
                return Optional.empty();
            }
            for (int i = 0; i < after.size(); i++) {
                if (!Arrays.equals(after.get(i).shape(), before.get(i).shape())) {
                    return Optional.empty();
                }
            }
            targets.addAll(e.getValue());
            originals.addAll(before);
            values.addAll(after);
        }
        write(replace.keySet(), targets, values);
        try {
            return Optional.of(work.get());
        } finally {
            write(replace.keySet(), targets, originals);
        }
    }

    /**
     * @return whether every graph built so far that builds one of these layers holds each of its
     *         weight arrays itself (or a view of it) as a constant, so that writing into the array
     *         changes what the graph computes
     */
    private boolean heldAsTheyAre(Map<LayerSpec, List<INDArray>> layers) {
        for (BuiltGraph g : graphs.values()) {
            Collection<INDArray> constants = constants(g.sd()).values();
            for (Map.Entry<LayerSpec, List<INDArray>> e : layers.entrySet()) {
                if (g.built(e.getKey().name()) && !e.getValue().stream()
                        .allMatch(a -> constants.stream().anyMatch(c -> NdArrays.sharesMemory(a, c)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Writes {@code values} into the weight arrays {@code targets}, of {@code layers}, then makes
     * again what every graph made from them (folded kernels, oneDNN's reordered kernels), and
     * forgets the input-gradient chains and the cached activations of {@code layers} and of the
     * layers after them.
     */
    private void write(Set<String> layers, List<INDArray> targets, List<Tensor> values) {
        long q = OpTimes.start();
        for (int i = 0; i < targets.size(); i++) {
            NdArrays.copyInto(values.get(i), targets.get(i));
        }
        for (BuiltGraph g : graphs.values()) {
            Set<String> changed = new HashSet<>();
            constants(g.sd()).forEach((name, c) -> {
                if (targets.stream().anyMatch(t -> NdArrays.sharesMemory(t, c))) {
                    changed.add(name);
                }
            });
            if (changed.isEmpty()) {
                continue;
            }
            runners.getOrDefault(g, Map.of()).values().forEach(r -> r.weightsChanged(changed));
            passes.getOrDefault(g, Map.of()).values().forEach(p -> p.weightsChanged(changed));
        }
        chains.values().forEach(c -> c.ifPresent(InputGradientChain::close));
        chains.clear();
        Map<String, Boolean> stale = new HashMap<>();
        cache.drop(layer -> stale.computeIfAbsent(layer,
                l -> !byName.containsKey(l) || !Collections.disjoint(builder.ancestors(l), layers)));
        OpTimes.stop("weights: written in place", q);
    }

    /** @return the graph's constants by variable name */
    private static Map<String, INDArray> constants(SameDiff sd) {
        Map<String, INDArray> out = new HashMap<>();
        for (SDVariable v : sd.variables()) {
            INDArray c = v.isConstant() ? v.getArr() : null;
            if (c != null) {
                out.put(v.name(), c);
            }
        }
        return out;
    }

    @Override
    public synchronized void clearCache() {
        cache.clear();
    }

    @Override
    public synchronized void releaseWorkMemory() {
        pools.values().forEach(BufferPool::close);
        passes.values().forEach(m -> m.values().forEach(BackwardPass::releaseBuffers));
        chains.values().forEach(c -> c.ifPresent(InputGradientChain::release));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (release != null) {
            release.cancel(false);
            release = null;
        }
        cache.clear();
        new ArrayList<>(graphs.values()).forEach(this::forget);
        graphs.clear();
        chains.values().forEach(c -> c.ifPresent(InputGradientChain::close));
        chains.clear();
        weights.close();
    }
}
