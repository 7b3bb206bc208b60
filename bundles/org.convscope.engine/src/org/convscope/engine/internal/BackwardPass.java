package org.convscope.engine.internal;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseReduceOp;
import org.nd4j.linalg.api.ops.BaseScalarOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Relu6;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.shape.Concat;
import org.nd4j.linalg.api.ops.impl.shape.ExpandDims;
import org.nd4j.linalg.api.ops.impl.shape.Permute;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.ops.impl.shape.Squeeze;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.dtype.Cast;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftSign;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Upsampling2d;
import org.nd4j.linalg.api.ops.impl.shape.StridedSlice;
import org.nd4j.linalg.api.ops.impl.transforms.Pad;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SELU;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Reverse-mode differentiation of an engine graph with respect to its inputs and intermediate
 * tensors only. The forward pass is SameDiff's (one {@code output()} call for the activations the
 * backward pass reads); the backward pass walks the graph's libnd4j ops in reverse and applies,
 * per op, the gradient with respect to those of its operands that depend on a tensor asked about —
 * never a kernel's, bias's or other constant's. That is where SameDiff's own backward pass loses:
 * every {@code conv2d_bp} also computes the kernel gradient, its gradient graph is built (and
 * printed) per graph, and its temporaries wait for the garbage collector.
 * <ul>
 * <li>a convolution or depthwise convolution the forward pass gave oneDNN directly ({@link DnnlConvolutions}) goes back
 * through oneDNN's backward-data convolution with the kernel kept for it;</li>
 * <li>otherwise a stride-1 convolution goes back through its transpose (a convolution with the rotated,
 * transposed kernel, kept per kernel until {@link #close}); strided and even-kernel "same" ones
 * through {@code conv2d_bp}, whose kernel gradient is then computed and dropped (no variant of
 * M2.1 skips it);</li>
 * <li>a depthwise convolution (one output per channel, no dilation) through a stride-1 depthwise
 * convolution with the rotated kernel, of the gradient zero-dilated by the stride when strided
 * ({@link StridedDepthwise}); others through {@code depthwise_conv2d_bp}; pooling through
 * oneDNN's pooling gradients on the channels-last arrays ({@link DnnlPooling}), else
 * {@code maxpool2d_bp}/{@code avgpool2d_bp};</li>
 * <li>a zero padding that the forward pass folded into the depthwise convolution after it (see
 * {@link GraphRunner}) passes on the gradient that convolution gave the unpadded input;</li>
 * <li>batch normalization, rescaling and normalization are the engine's per-channel multiply and
 * add, so their backward is a multiply by the scale;</li>
 * <li>adds, concatenations and reshapes route the gradient; a tensor read by several ops sums
 * theirs.</li>
 * </ul>
 * The plan (which ops, which operands) is made once per graph; {@link #covers} says whether
 * every op on the way has a backward here, and names those that do not. Arrays made by a call are
 * freed before it returns.
 */
final class BackwardPass implements AutoCloseable {

    /** The op classes this pass differentiates; anything else on the way sends the caller elsewhere. */
    // qualified: the imported Max is reduce.same.Max, the reduction; this one is the element-wise maximum
    private static final Class<?> ELEMENTWISE_MAX = org.nd4j.linalg.api.ops.impl.transforms.custom.Max.class;

    private static final Set<Class<?>> COVERED = Set.of(Conv2D.class, DepthwiseConv2D.class, MaxPooling2D.class,
            AvgPooling2D.class, AddOp.class, SubOp.class, MulOp.class, DivOp.class, ScalarAdd.class,
            ScalarSubtraction.class, ScalarMultiplication.class, ScalarDivision.class,
            ScalarReverseSubtraction.class, Negative.class, Identity.class, RectifiedLinear.class, Relu6.class,
            LeakyReLU.class, Sigmoid.class, Tanh.class, Exp.class, Erf.class, SoftPlus.class, SoftSign.class,
            Square.class, Sqrt.class, Abs.class, SoftMax.class, ClipByValue.class, Min.class,
            ELEMENTWISE_MAX,
            Mmul.class, Reshape.class, Concat.class, Squeeze.class, ExpandDims.class, Permute.class, Mean.class,
            Sum.class, Max.class, GreaterThan.class, Cast.class, Pad.class, StridedSlice.class, Upsampling2d.class,
            DeConv2D.class, SELU.class, LogSoftMax.class, RSqrt.class);

    private static final System.Logger LOG = System.getLogger(BackwardPass.class.getName());

    private final SameDiff sd;
    private final String objective;
    private final Set<String> wrt;
    /** The ops between {@link #wrt} and {@link #objective}, in execution order. */
    private final List<DifferentialFunction> path;
    /** Tensors on the way from {@link #wrt} to {@link #objective}: the only ones that get gradients. */
    private final Set<String> live;
    /** Activations (op outputs) the backward pass reads. */
    private final List<String> activations;
    private final Set<String> uncovered;
    /** Kernel variable → the kernel of its convolution's transpose. */
    private final Map<String, INDArray> transposedKernels = new HashMap<>();
    /**
     * ReLUs whose output only a clip to [0, 6] reads: the clip's gradient (0 < x < 6) already
     * zeroes where the ReLU would, so the ReLU passes the gradient as it is.
     */
    private final Set<DifferentialFunction> redundantRelus = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Activations the backward pass reads (the others it needs the shapes of). */
    private final Set<String> needed = new HashSet<>();
    /** Arrays kept from call to call while the batch size stays. */
    private final BufferPool pool = new BufferPool(true);
    private long pooledBatch = -1;
    /** The bytes of the pool's arrays in use when the last forward pass ended. */
    private long forwardBytes;
    /** How many ops' backward ran in the last pass (those with a gradient to pass on). */
    private int backwardsRun;
    /**
     * Activation → its shape without the batch axis, for those whose first axis is the batch;
     * taken once, from a pass of two items.
     */
    private Map<String, long[]> featureShapes;
    /** The forward pass, keeping what the backward pass reads. */
    private final GraphRunner runner;
    /**
     * Whether the forward pass is {@link #runner}'s rather than SameDiff's; it turns to SameDiff's
     * for good when an op of the graph cannot be run that way.
     */
    private boolean ownForward = true;

    /**
     * @param objective the variable the objective weighs
     * @param wrt       variables whose gradients are asked for
     */
    BackwardPass(SameDiff sd, String objective, Collection<String> wrt) {
        this.sd = sd;
        this.objective = objective;
        this.wrt = new LinkedHashSet<>(wrt);
        DifferentialFunction[] ops = sd.ops();
        Set<String> fromWrt = new HashSet<>(wrt);
        for (DifferentialFunction op : ops) {
            if (Arrays.stream(op.argNames()).anyMatch(fromWrt::contains)) {
                fromWrt.addAll(Arrays.asList(op.outputVariablesNames()));
            }
        }
        Set<String> toObjective = new HashSet<>(Set.of(objective));
        for (int i = ops.length - 1; i >= 0; i--) {
            if (Arrays.stream(ops[i].outputVariablesNames()).anyMatch(toObjective::contains)) {
                toObjective.addAll(Arrays.asList(ops[i].argNames()));
            }
        }
        live = new HashSet<>(fromWrt);
        live.retainAll(toObjective);
        path = new ArrayList<>();
        uncovered = new TreeSet<>();
        Set<String> read = new LinkedHashSet<>();
        for (DifferentialFunction op : ops) {
            if (Arrays.stream(op.outputVariablesNames()).anyMatch(live::contains)
                    && Arrays.stream(op.argNames()).anyMatch(live::contains)) {
                path.add(op);
                if (!COVERED.contains(op.getClass()) && !(op instanceof Conv2D)) {
                    uncovered.add(op.opName() + " (" + op.getClass().getSimpleName() + ")");
                }
                read.addAll(Arrays.asList(op.argNames()));
                read.addAll(Arrays.asList(op.outputVariablesNames()));
            }
        }
        Map<String, Integer> readers = new HashMap<>();
        Map<String, DifferentialFunction> readBy = new HashMap<>();
        for (DifferentialFunction op : ops) {
            if (Arrays.stream(op.outputVariablesNames()).anyMatch(toObjective::contains)) {
                for (String a : op.argNames()) {
                    readers.merge(a, 1, Integer::sum);
                    readBy.put(a, op);
                }
            }
        }
        Set<String> asked = new HashSet<>(wrt);
        asked.add(objective);
        for (DifferentialFunction op : path) {
            if (GraphRunner.reluBeforeRelu6(op, readers, readBy, asked)) {
                redundantRelus.add(op);
            }
        }
        read.addAll(wrt);
        read.add(objective);
        needed.addAll(wrt);
        needed.add(objective);
        for (DifferentialFunction op : path) {
            boolean[] r = reads(op);
            String[] args = op.argNames();
            for (int a = 0; a < args.length; a++) {
                if (r[a]) {
                    needed.add(args[a]);
                }
            }
            if (r[args.length]) {
                needed.add(op.outputVariablesNames()[0]);
            }
        }
        activations = read.stream().filter(n -> sd.getVariable(n).getVariableType() == VariableType.ARRAY).toList();
        runner = new GraphRunner(sd, pool, needed);
    }

    /** @return whether every op on the way has a backward here */
    boolean covers() {
        return uncovered.isEmpty();
    }

    /** @return the ops on the way that have no backward here, e.g. {@code "pad (Pad)"} */
    Set<String> uncovered() {
        return Collections.unmodifiableSet(uncovered);
    }

    /** The gradients, the forward values of the {@code wrt} tensors and the objective per item. */
    record Result(Map<String, INDArray> gradients, Map<String, INDArray> values, INDArray perItem) {
    }

    /**
     * Runs forward and back. The caller turns the result into Java arrays and then calls
     * {@link #free}.
     *
     * @param placeholders the graph's placeholder values
     * @param weights      the objective's weights, broadcastable to the objective tensor
     */
    Result run(Map<String, INDArray> placeholders, INDArray weights, List<INDArray> own) {
        return run(placeholders, weights, own, false);
    }

    /**
     * {@link #run(Map, INDArray, List)}, with guided backpropagation when {@code guided}: a ReLU
     * passes the gradient only where its input and the gradient are both positive.
     */
    Result run(Map<String, INDArray> placeholders, INDArray weights, List<INDArray> own, boolean guided) {
        long batch = batchOf(placeholders);
        if (batch != pooledBatch) {
            pool.close();
            pooledBatch = batch;
        }
        long whole = OpTimes.start();
        Map<String, INDArray> values = forward(placeholders, batch, own);
        forwardBytes = pool.inUseBytes();
        long seeding = OpTimes.start();
        INDArray y = values.get(objective);
        INDArray dy = alloc(own, y.shape());
        INDArray perItem = owned(own, Nd4j.createFromArray(seed(y, weights, dy)));
        Gradients grads = new Gradients();
        grads.put(objective, dy);
        OpTimes.stop("bwd: objective seed", seeding);
        backwardsRun = 0;
        Map<INDArray, Integer> readsLeft = readsLeft(values);
        Set<INDArray> held = Collections.newSetFromMap(new IdentityHashMap<>());
        held.add(y);
        wrt.forEach(w -> held.add(value(values, w)));
        for (int i = path.size() - 1; i >= 0; i--) {
            DifferentialFunction op = path.get(i);
            String output = op.outputVariablesNames()[0];
            INDArray g = grads.get(output);
            if (g == null) {
                read(op, values, readsLeft, held);
                continue;
            }
            String[] args = op.argNames();
            INDArray[] x = new INDArray[args.length];
            long[][] shapes = new long[args.length][];
            for (int a = 0; a < args.length; a++) {
                x[a] = value(values, args[a]);
                shapes[a] = x[a] != null ? x[a].shape() : shape(args[a], batch);
            }
            INDArray out = values.get(output);
            long t0 = OpTimes.start();
            INDArray[] dx = backward(op, x, shapes, out, g, own);
            backwardsRun++;
            if (OpTimes.ON) {
                OpTimes.stop("bwd " + GraphRunner.kind(op, x), t0);
            }
            if (guided && (op instanceof RectifiedLinear || op instanceof Relu6) && dx[0] != null) {
                // the gradient passes where it is positive too: dx is g or 0 elementwise, so that
                // is dx's positive part, ReLU's gradient with dx for both output and gradient (one
                // vectorised pass; libnd4j's scalar relu took 1.4 ms for 1.2 M floats)
                long tg = OpTimes.start();
                INDArray positive = alloc(own, dx[0].shape());
                Rectifiers.reluBackward(dx[0], dx[0], positive);
                dx[0] = positive;
                OpTimes.stop("bwd: guided", tg);
            }
            long t1 = OpTimes.start();
            for (int a = 0; a < args.length; a++) {
                if (dx[a] != null && live.contains(args[a])) {
                    grads.accumulate(args[a], dx[a], own);
                }
            }
            OpTimes.stop("bwd: accumulate", t1);
            if (!wrt.contains(output)) {
                // read by its producer only, and that was this op: its memory can serve the next ones
                grads.drop(output);
            }
            t1 = OpTimes.start();
            read(op, values, readsLeft, held);
            OpTimes.stop("bwd: read/free", t1);
        }
        Map<String, INDArray> wanted = new LinkedHashMap<>();
        Map<String, INDArray> forward = new LinkedHashMap<>();
        for (String w : wrt) {
            INDArray v = value(values, w);
            INDArray g = grads.get(w);
            wanted.put(w, g != null ? g : owned(own, Nd4j.zeros(DataType.FLOAT, v.shape())));
            forward.put(w, v);
        }
        OpTimes.stop("fwd+bwd (whole pass)", whole);
        return new Result(wanted, forward, perItem);
    }

    /**
     * @return each array of {@code values} that the backward of some op on the path reads (see
     *         {@link #reads}) → how many such reads there are; an array may stand for several
     *         names (a padding folded into its convolution, an add fused into one)
     */
    private Map<INDArray, Integer> readsLeft(Map<String, INDArray> values) {
        Map<INDArray, Integer> left = new IdentityHashMap<>();
        for (DifferentialFunction op : path) {
            forEachRead(op, values, a -> left.merge(a, 1, Integer::sum));
        }
        return left;
    }

    /**
     * Counts {@code op}'s backward reads as done. A forward activation no later backward reads
     * goes back to the pool at once, unless it is {@code held} (the objective, the values
     * returned): the gradients of the ops before it, of the same shapes, are then made in it
     * rather than in arrays of their own, so that the pass needs about the forward pass's memory
     * instead of that and the backward pass's.
     */
    private void read(DifferentialFunction op, Map<String, INDArray> values, Map<INDArray, Integer> left,
            Set<INDArray> held) {
        forEachRead(op, values, a -> {
            if (left.merge(a, -1, Integer::sum) == 0 && !held.contains(a)) {
                values.values().removeIf(v -> v == a);
                pool.give(a);
            }
        });
    }

    private void forEachRead(DifferentialFunction op, Map<String, INDArray> values,
            Consumer<INDArray> action) {
        boolean[] r = reads(op);
        String[] args = op.argNames();
        for (int a = 0; a <= args.length; a++) {
            INDArray v = r[a] ? values.get(a < args.length ? args[a] : op.outputVariablesNames()[0]) : null;
            if (v != null) {
                action.accept(v);
            }
        }
    }

    /**
     * @return the placeholders and the activations the backward pass reads (all of them when the
     *         forward pass is SameDiff's for a batch of one or two)
     */
    private Map<String, INDArray> forward(Map<String, INDArray> placeholders, long batch, List<INDArray> own) {
        if (ownForward) {
            try {
                return runner.run(placeholders, own);
            } catch (GraphRunner.RunnerException e) {
                ownForward = false;
                LOG.log(System.Logger.Level.INFO,
                        "forward pass to " + objective + ": SameDiff's, for " + e.getMessage(),
                        e);
            }
        }
        Map<String, INDArray> values = new HashMap<>(placeholders);
        Map<String, INDArray> computed = sd.output(placeholders, requested(placeholders, batch));
        // an output may be a placeholder's own array (an identity); those belong to the caller
        computed.values().stream().filter(a -> !placeholders.containsValue(a)).forEach(own::add);
        values.putAll(computed);
        return values;
    }

    /** @return whether the forward pass is still this class's own (for the tests) */
    boolean ownForward() {
        return ownForward;
    }

    /**
     * The gradient of each tensor so far, counting how many tensors share each array (an add
     * passes one array to both operands), so that an array is reused only when nothing refers to
     * it any more.
     */
    private final class Gradients {

        private final Map<String, INDArray> byName = new HashMap<>();
        private final Map<INDArray, Integer> references = new IdentityHashMap<>();

        INDArray get(String name) {
            return byName.get(name);
        }

        void put(String name, INDArray a) {
            references.merge(a, 1, Integer::sum);
            release(byName.put(name, a));
        }

        /** Adds {@code g} to the gradient of {@code name}: in place when that array is its alone. */
        void accumulate(String name, INDArray g, List<INDArray> own) {
            INDArray before = byName.get(name);
            if (before == null) {
                put(name, g);
            } else if (before != g && references.get(before) == 1 && pool.owns(before)) {
                before.addi(g);
                if (!references.containsKey(g)) {
                    pool.give(g);
                }
            } else {
                INDArray sum = alloc(own, before.shape());
                Nd4j.exec(new AddOp(before, g, sum));
                put(name, sum);
            }
        }

        void drop(String name) {
            release(byName.remove(name));
        }

        private void release(INDArray a) {
            if (a != null && references.merge(a, -1, Integer::sum) == 0) {
                references.remove(a);
                pool.give(a);
            }
        }
    }

    /**
     * The activations to compute: all of them for a batch of one or two; for larger batches those
     * the backward pass reads, the others' shapes taken once from a forward pass of two items.
     */
    private List<String> requested(Map<String, INDArray> placeholders, long batch) {
        if (batch <= 2 || batch < 0) {
            return activations;
        }
        if (featureShapes == null) {
            featureShapes = new HashMap<>();
            Map<String, INDArray> two = new HashMap<>();
            placeholders.forEach((k, v) -> two.put(k, v.get(NDArrayIndex.interval(0, 2)).dup('c')));
            Map<String, INDArray> probe = sd.output(two, activations);
            probe.forEach((k, v) -> {
                long[] s = v.shape();
                if (s.length > 0 && s[0] == 2) {
                    featureShapes.put(k, Arrays.copyOfRange(s, 1, s.length));
                }
            });
            probe.values().stream().filter(a -> !two.containsValue(a)).forEach(NdArrays::release);
            two.values().forEach(NdArrays::release);
        }
        return activations.stream().filter(n -> needed.contains(n) || !featureShapes.containsKey(n)).toList();
    }

    /** @return the shape of a tensor this call did not keep, for this batch */
    private long[] shape(String name, long batch) {
        if (ownForward) {
            return runner.shape(name);
        }
        long[] f = featureShapes.get(name);
        long[] s = new long[f.length + 1];
        s[0] = batch;
        System.arraycopy(f, 0, s, 1, f.length);
        return s;
    }

    /** @return the leading dimension shared by the placeholders, or -1 when they differ */
    private static long batchOf(Map<String, INDArray> placeholders) {
        long batch = -1;
        for (INDArray p : placeholders.values()) {
            if (p.rank() == 0 || batch >= 0 && p.size(0) != batch) {
                return -1;
            }
            batch = p.size(0);
        }
        return batch;
    }

    /** Returns what {@link #run} made to this pass's pool, or frees it. */
    void free(List<INDArray> own) {
        Set<INDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (INDArray a : own) {
            if (seen.add(a)) {
                if (pool.owns(a)) {
                    pool.give(a);
                } else {
                    NdArrays.release(a);
                }
            }
        }
        own.clear();
        pool.endPass();
    }

    private INDArray value(Map<String, INDArray> values, String name) {
        INDArray v = values.get(name);
        if (v != null || sd.getVariable(name).getVariableType() == VariableType.ARRAY) {
            return v;
        }
        return sd.getArrForVarName(name);
    }

    /**
     * Which of an op's operands, and whether its output, the backward of {@link #backward} reads;
     * the others it needs the shapes of at most.
     */
    private boolean[] reads(DifferentialFunction op) {
        int n = op.argNames().length;
        boolean[] r = new boolean[n + 1];
        if (op instanceof Conv2D c && !transposable(c.iArgs()) && !deconvolvable(c.iArgs())
                || op instanceof DepthwiseConv2D d && !depthwiseTransposable(d, d.iArgs())
                        && !depthwiseDilatable(d, d.iArgs())
                || op instanceof DeConv2D
                || op instanceof Min || ELEMENTWISE_MAX.isInstance(op)) {
            Arrays.fill(r, 0, n, true);
        } else if (op instanceof Conv2D || op instanceof DepthwiseConv2D || op instanceof Pad) {
            r[1] = true;
        } else if (op instanceof MaxPooling2D || op instanceof AvgPooling2D || op instanceof LeakyReLU
                || op instanceof Erf || op instanceof SoftPlus || op instanceof SoftSign || op instanceof Square
                || op instanceof Abs || op instanceof ClipByValue c && !relu6(c) || op instanceof SELU
                || op instanceof StridedSlice) {
            r[0] = true;
        } else if (op instanceof MulOp || op instanceof Mmul) {
            r[0] = live(op, 1);
            r[1] = live(op, 0);
        } else if (op instanceof DivOp) {
            r[1] = true;
            r[n] = live(op, 1);
        } else if (op instanceof RectifiedLinear rl && !redundantRelus.contains(op)) {
            // relu_bp reads where the input is positive, which is where the output is
            r[scalar(rl) == 0 ? n : 0] = true;
        } else if (op instanceof Max) {
            r[0] = true;
            r[n] = true;
        } else if (op instanceof Relu6 || op instanceof ClipByValue || op instanceof Sigmoid || op instanceof Tanh
                || op instanceof Exp
                || op instanceof Sqrt || op instanceof RSqrt || op instanceof SoftMax || op instanceof LogSoftMax) {
            r[n] = true;
        }
        return r;
    }

    /**
     * @param x      the operands' values; {@code null} for those {@link #reads} says are not read
     * @param shapes the operands' shapes
     * @return the gradient with respect to each operand, {@code null} where there is none
     */
    private INDArray[] backward(DifferentialFunction op, INDArray[] x, long[][] shapes, INDArray y, INDArray dy,
            List<INDArray> own) {
        INDArray[] dx = new INDArray[x.length];
        INDArray byDnnl = ownForward && DnnlConvolutions.applies(op) ? alloc(own, shapes[0]) : null;
        if (byDnnl != null && runner.inputGradient(op, dy, byDnnl)) {
            // oneDNN's backward-data convolution with the kernel the forward pass kept for it, the
            // batch normalization folded in: the runner need not keep its folded kernel
            dx[0] = byDnnl;
            return dx;
        }
        // a batch normalization the forward pass folded into its convolution: its scale goes back
        // through the folded kernel's transpose, so the multiply passes the gradient as it is
        INDArray folded = ownForward && (op instanceof Conv2D || op instanceof DepthwiseConv2D)
                ? runner.foldedKernel(op)
                : null;
        if (folded != null) {
            x = x.clone();
            x[1] = folded;
        }
        String kernelKey = op.argNames().length > 1 ? op.argNames()[1] + (folded != null ? " folded" : "") : null;
        if (ownForward && (runner.foldedScale(op) || runner.paddingSkipped(op)) || redundantRelus.contains(op)) {
            // a padding folded into its convolution passes the gradient the convolution gave its input
            dx[0] = dy;
        } else if (op instanceof Conv2D c) {
            dx[0] = conv(c, kernelKey, x, shapes[0], dy, byDnnl, own);
        } else if (op instanceof DepthwiseConv2D d) {
            // "same" instead of "valid" where the forward pass folded a padding in
            long[] a = ownForward ? runner.convolutionArgs(d) : d.iArgs();
            if (depthwiseTransposable(d, a)) {
                dx[0] = depthwise(a, kernelKey, x[1], shapes[0], dy, own);
            } else if (depthwiseDilatable(d, a)) {
                INDArray kernel = x[1];
                INDArray rotated = transposedKernels.computeIfAbsent(kernelKey, k -> StridedDepthwise.rotated(kernel));
                dx[0] = alloc(own, shapes[0]);
                StridedDepthwise.backward(a, rotated, dy, dx[0], pool);
            } else {
                dx[0] = withKernelGradient("depthwise_conv2d_bp", d, x, dy, own);
            }
        } else if (op instanceof MaxPooling2D p) {
            dx[0] = pool("maxpool2d_bp", p, x[0], dy, own);
        } else if (op instanceof AvgPooling2D p) {
            dx[0] = pool("avgpool2d_bp", p, x[0], dy, own);
        } else if (op instanceof AddOp) {
            // a bias's share (a sum over the batch and the image) only when it is asked for
            dx[0] = live(op, 0) ? unbroadcast(dy, shapes[0], own) : null;
            dx[1] = live(op, 1) ? unbroadcast(dy, shapes[1], own) : null;
        } else if (op instanceof SubOp) {
            dx[0] = live(op, 0) ? unbroadcast(dy, shapes[0], own) : null;
            dx[1] = live(op, 1) ? owned(own, unbroadcast(dy, shapes[1], own).neg()) : null;
        } else if (op instanceof MulOp) {
            dx[0] = live(op, 0) ? unbroadcast(binary(MulOp::new, dy, x[1], own), shapes[0], own) : null;
            dx[1] = live(op, 1) ? unbroadcast(binary(MulOp::new, dy, x[0], own), shapes[1], own) : null;
        } else if (op instanceof DivOp) {
            dx[0] = live(op, 0) ? unbroadcast(binary(DivOp::new, dy, x[1], own), shapes[0], own) : null;
            if (live(op, 1)) {
                // d(a/b)/db = -(a/b)/b
                INDArray q = binary(DivOp::new, y, x[1], own);
                dx[1] = owned(own, unbroadcast(owned(own, q.mul(dy)), shapes[1], own).neg());
            }
        } else if (op instanceof ScalarAdd || op instanceof ScalarSubtraction || op instanceof Identity) {
            dx[0] = dy;
        } else if (op instanceof ScalarMultiplication s) {
            dx[0] = owned(own, dy.mul(scalar(s)));
        } else if (op instanceof ScalarDivision s) {
            dx[0] = owned(own, dy.div(scalar(s)));
        } else if (op instanceof ScalarReverseSubtraction || op instanceof Negative) {
            dx[0] = owned(own, dy.neg());
        } else if (op instanceof RectifiedLinear r) {
            // one pass of relu_bp (output > 0, which is input > 0), not a mask made, cast and multiplied
            dx[0] = scalar(r) == 0 ? rectified(y, dy, false, own) : mask(dy, x[0].gt(scalar(r)), own);
        } else if (op instanceof Relu6) {
            // TensorFlow's Relu6Grad: 0 < x < 6, which is 0 < relu6(x) < 6
            dx[0] = rectified(y, dy, true, own);
        } else if (op instanceof LeakyReLU l) {
            double alpha = scalar(l);
            INDArray positive = owned(own, owned(own, x[0].gt(0)).castTo(DataType.FLOAT));
            // 1 where x > 0, alpha elsewhere
            dx[0] = owned(own, owned(own, positive.mul(1 - alpha).addi(alpha)).muli(dy));
        } else if (op instanceof Sigmoid) {
            dx[0] = owned(own, y.rsub(1).muli(y).muli(dy));
        } else if (op instanceof Tanh) {
            dx[0] = owned(own, y.mul(y).rsubi(1).muli(dy));
        } else if (op instanceof Exp) {
            dx[0] = owned(own, y.mul(dy));
        } else if (op instanceof Erf) {
            dx[0] = owned(own, Transforms.exp(x[0].mul(x[0]).negi(), false).muli(2 / Math.sqrt(Math.PI)).muli(dy));
        } else if (op instanceof SoftPlus) {
            dx[0] = owned(own, Transforms.sigmoid(x[0], true).muli(dy));
        } else if (op instanceof SoftSign) {
            INDArray d = owned(own, Transforms.abs(x[0], true).addi(1));
            dx[0] = owned(own, dy.div(d).divi(d));
        } else if (op instanceof Square) {
            dx[0] = owned(own, x[0].mul(2).muli(dy));
        } else if (op instanceof Sqrt) {
            dx[0] = owned(own, dy.div(y).muli(0.5));
        } else if (op instanceof Abs) {
            dx[0] = owned(own, Transforms.sign(x[0], true).muli(dy));
        } else if (op instanceof SoftMax s) {
            dx[0] = softmax(s, y, dy, own);
        } else if (op instanceof ClipByValue c) {
            double[] t = c.tArgs();
            // ReLU6 (a ReLU, then clip to [0, 6]): TensorFlow's Relu6Grad, 0 < x < 6, in one pass
            dx[0] = relu6(c)
                    ? rectified(y, dy, true, own)
                    : mask(mask(dy, x[0].gte(t[0]), own), x[0].lte(t[1]), own);
        } else if (op instanceof Min) {
            minMax("minimum_bp", x, dy, dx, own);
        } else if (ELEMENTWISE_MAX.isInstance(op)) {
            minMax("maximum_bp", x, dy, dx, own);
        } else if (op instanceof Mmul) {
            // by gemm's transpose flags: the product of a transposed view copied the operand first,
            // a dense layer's whole kernel on every call
            if (live(op, 0)) {
                dx[0] = owned(own, Nd4j.gemm(dy, x[1], false, true));
            }
            if (live(op, 1)) {
                dx[1] = owned(own, Nd4j.gemm(x[0], dy, true, false));
            }
        } else if (op instanceof Reshape || op instanceof Squeeze || op instanceof ExpandDims) {
            dx[0] = reshape(dy, shapes[0], own);
        } else if (op instanceof Permute p) {
            int[] perm = ints(p);
            int[] inverse = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                inverse[perm[i]] = i;
            }
            dx[0] = owned(own, dy.permute(inverse).dup('c'));
        } else if (op instanceof Concat c) {
            concat(c, shapes, dy, dx, own);
        } else if (op instanceof Mean m) {
            dx[0] = reduced(m, shapes[0], dy, own, true);
        } else if (op instanceof Sum s) {
            dx[0] = reduced(s, shapes[0], dy, own, false);
        } else if (op instanceof Max m) {
            dx[0] = reducedMax(m, x[0], y, dy, own);
        } else if (op instanceof Pad) {
            dx[0] = unpad(shapes[0], x[1], dy, own);
        } else if (op instanceof StridedSlice s) {
            dx[0] = alloc(own, shapes[0]);
            Nd4j.exec(DynamicCustomOp.builder("strided_slice_bp").addInputs(x[0], dy).addOutputs(dx[0])
                    .addIntegerArguments(ints(s)).build());
        } else if (op instanceof Upsampling2d) {
            // nearest-neighbour repetition by whole factors: each input sums its block of dy
            long[] in = shapes[0];
            long[] out = dy.shape();
            INDArray blocks = owned(own, dy.dup('c')).reshape('c', in[0], in[1], out[1] / in[1], in[2], out[2] / in[2],
                    in[3]);
            dx[0] = owned(own, blocks.sum(2, 4));
        } else if (op instanceof DeConv2D d) {
            dx[0] = withKernelGradient("deconv2d_bp", d, x, dy, own);
        } else if (op instanceof SELU) {
            dx[0] = alloc(own, shapes[0]);
            Nd4j.exec(DynamicCustomOp.builder("selu_bp").addInputs(x[0], dy).addOutputs(dx[0]).build());
        } else if (op instanceof LogSoftMax l) {
            // dy − softmax(x)·Σ dy along the axis
            long[] a = l.iArgs();
            int axis = a.length == 0 ? y.rank() - 1 : (int) (a[0] < 0 ? a[0] + y.rank() : a[0]);
            INDArray total = owned(own, dy.sum(true, axis));
            INDArray softmax = owned(own, Transforms.exp(y, true));
            dx[0] = binary(SubOp::new, dy, binary(MulOp::new, softmax, total, own), own);
        } else if (op instanceof RSqrt) {
            // d(x^-1/2) = -1/2 · y³
            dx[0] = owned(own, y.mul(y).muli(y).muli(-0.5).muli(dy));
        }
        // the rest of COVERED (comparisons, casts) is piecewise constant: no gradient
        return dx;
    }

    private static boolean relu6(ClipByValue c) {
        double[] t = c.tArgs();
        return t.length == 2 && t[0] == 0 && t[1] == 6;
    }

    private static double scalar(BaseScalarOp op) {
        return op.getScalarValue().getDouble(0);
    }

    private boolean live(DifferentialFunction op, int arg) {
        return live.contains(op.argNames()[arg]);
    }

    /**
     * Whether a convolution's input gradient is its transpose as an ordinary convolution (see
     * {@link InputGradientChain}): stride 1, no dilation, no explicit padding, "valid" or "same"
     * with an odd kernel, channels last, kernel (kH, kW, in, out).
     */
    private static boolean transposable(long[] a) {
        boolean same = a[8] == 1;
        return a[2] == 1 && a[3] == 1 && a[4] == 0 && a[5] == 0 && a[6] == 1 && a[7] == 1 && channelsLast(a)
                && (!same || a[0] % 2 == 1 && a[1] % 2 == 1);
    }

    /** Whether {@link #deconvolved} takes this convolution: channels last, kernel (kH, kW, in, out). */
    private static boolean deconvolvable(long[] a) {
        return channelsLast(a);
    }

    private static boolean channelsLast(long[] a) {
        return a.length > 9 && a[9] == 1 && (a.length < 11 || a[10] == 0);
    }

    /**
     * A convolution's input gradient, never its kernel's.
     *
     * @param dx an array of the input's shape to write it into, or {@code null}
     */
    private INDArray conv(Conv2D c, String kernelKey, INDArray[] x, long[] inputShape, INDArray dy, INDArray dx,
            List<INDArray> own) {
        long[] a = c.iArgs();
        if (Pointwise.applies(c) && Pointwise.batched(dy) && Pointwise.plain(dy) && Pointwise.plain(x[1])) {
            dx = dx != null ? dx : alloc(own, inputShape);
            Pointwise.backward(dy, x[1], Pointwise.strides(c), dx, pool);
            return dx;
        }
        if (transposable(a)) {
            INDArray t = transposedKernels.computeIfAbsent(kernelKey,
                    k -> InputGradientChain.transposed(x[1]));
            dx = dx != null ? dx : alloc(own, inputShape);
            InputGradientChain.transposedConvolution((int) a[0], (int) a[1], a[8] == 1, t, dy, dx);
            return dx;
        }
        if (deconvolvable(a)) {
            return deconvolved(a, x[1], inputShape, dy, own);
        }
        return withKernelGradient("conv2d_bp", c, x, dy, own);
    }

    /**
     * The input gradient of a strided, dilated or explicitly padded convolution: libnd4j's
     * {@code deconv2d} (the convolution's transpose, oneDNN's where it has one) of {@code dy} with
     * the same kernel, without padding, which gives the gradient of the padded input; the input's
     * part of it is cut out, and rows or columns the convolution never read get zero.
     */
    private INDArray deconvolved(long[] a, INDArray kernel, long[] inputShape, INDArray dy, List<INDArray> own) {
        long kh = (a[0] - 1) * a[6] + 1;
        long kw = (a[1] - 1) * a[7] + 1;
        long zh = (dy.size(1) - 1) * a[2] + kh;
        long zw = (dy.size(2) - 1) * a[3] + kw;
        long top;
        long left;
        if (a[8] == 1) {
            // TensorFlow's "same": the total padding (out - 1) * stride + kernel - in, the smaller half first
            top = Math.max(zh - inputShape[1], 0) / 2;
            left = Math.max(zw - inputShape[2], 0) / 2;
        } else {
            top = a[4];
            left = a[5];
        }
        INDArray z = alloc(own, inputShape[0], zh, zw, inputShape[3]);
        Nd4j.exec(DynamicCustomOp.builder("deconv2d").addInputs(dy, kernel).addOutputs(z)
                .addIntegerArguments(ints(a[0], a[1], a[2], a[3], 0, 0, a[6], a[7], 0, 1, 0)).build());
        if (top == 0 && left == 0 && zh == inputShape[1] && zw == inputShape[2]) {
            return z;
        }
        INDArray dx = alloc(own, inputShape);
        dx.assign(0);
        long h0 = Math.max(0, -top);
        long h1 = Math.min(inputShape[1], zh - top);
        long w0 = Math.max(0, -left);
        long w1 = Math.min(inputShape[2], zw - left);
        if (h1 > h0 && w1 > w0) {
            dx.get(NDArrayIndex.all(), NDArrayIndex.interval(h0, h1), NDArrayIndex.interval(w0, w1), NDArrayIndex.all())
                    .assign(z.get(NDArrayIndex.all(), NDArrayIndex.interval(h0 + top, h1 + top),
                            NDArrayIndex.interval(w0 + left, w1 + left), NDArrayIndex.all()));
        }
        pool.give(z);
        return dx;
    }

    /**
     * Whether a depthwise convolution's input gradient is a depthwise convolution with the kernel
     * rotated by 180°: stride 1, no dilation, one output per channel, "same" with an odd kernel or
     * "valid" without explicit padding, channels last.
     */
    private boolean depthwiseTransposable(DepthwiseConv2D d, long[] a) {
        boolean same = a[8] == 1;
        INDArray kernel = sd.getArrForVarName(d.argNames()[1]);
        return kernel != null && kernel.rank() == 4 && kernel.size(3) == 1 && a[2] == 1 && a[3] == 1 && a[6] == 1
                && a[7] == 1 && channelsLast(a)
                && (same ? a[0] % 2 == 1 && a[1] % 2 == 1 : a[4] == 0 && a[5] == 0);
    }

    /** Whether {@link StridedDepthwise} takes a depthwise convolution's input gradient. */
    private boolean depthwiseDilatable(DepthwiseConv2D d, long[] a) {
        return StridedDepthwise.applies(a, sd.getArrForVarName(d.argNames()[1]));
    }

    private INDArray depthwise(long[] a, String kernelKey, INDArray kernel, long[] inputShape, INDArray dy,
            List<INDArray> own) {
        boolean same = a[8] == 1;
        INDArray rotated = transposedKernels.computeIfAbsent(kernelKey, k -> StridedDepthwise.rotated(kernel));
        INDArray dx = alloc(own, inputShape);
        Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d").addInputs(dy, rotated).addOutputs(dx)
                .addIntegerArguments(
                        ints(a[0], a[1], 1, 1, same ? 0 : a[0] - 1, same ? 0 : a[1] - 1, 1, 1, same ? 1 : 0, 1, 0))
                .build());
        return dx;
    }

    /** Runs a {@code *_bp} op that also makes the kernel's (and bias's) gradient, and drops those. */
    private INDArray withKernelGradient(String name, DynamicCustomOp forward, INDArray[] x, INDArray dy,
            List<INDArray> own) {
        INDArray[] in = Arrays.copyOf(x, x.length + 1);
        in[x.length] = dy;
        INDArray[] out = new INDArray[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = alloc(own, x[i].shape());
        }
        Nd4j.exec(DynamicCustomOp.builder(name).addInputs(in).addOutputs(out).addIntegerArguments(ints(forward))
                .build());
        for (int i = 1; i < out.length; i++) {
            pool.give(out[i]);
        }
        return out[0];
    }

    private INDArray pool(String name, DynamicCustomOp forward, INDArray x, INDArray dy, List<INDArray> own) {
        INDArray dx = alloc(own, x.shape());
        boolean max = forward instanceof MaxPooling2D;
        // oneDNN's max pooling gradient reruns the pooling; its output is only scratch
        INDArray y = max && Dnnl.available() ? pool.take(dy.shape()) : null;
        try {
            if (DnnlPooling.backward(max, forward.iArgs(), x, dy, dx, y)) {
                return dx;
            }
        } finally {
            if (y != null) {
                pool.give(y);
            }
        }
        Nd4j.exec(DynamicCustomOp.builder(name).addInputs(x, dy).addOutputs(dx).addIntegerArguments(ints(forward))
                .build());
        return dx;
    }

    private static int[] ints(long... values) {
        return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
    }

    private static int[] ints(DynamicCustomOp op) {
        return Arrays.stream(op.iArgs()).mapToInt(Math::toIntExact).toArray();
    }

    /** An elementwise op of three arrays: two operands and the result. */
    @FunctionalInterface
    private interface Binary {

        DynamicCustomOp of(INDArray a, INDArray b, INDArray z);
    }

    /** {@code a ∘ b} with numpy broadcasting, into a new array. */
    private INDArray binary(Binary op, INDArray a, INDArray b, List<INDArray> own) {
        INDArray z = alloc(own, broadcastShape(a.shape(), b.shape()));
        Nd4j.exec(op.of(a, b, z));
        return z;
    }

    private static long[] broadcastShape(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] s = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            long db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            s[i] = Math.max(da, db);
        }
        return s;
    }

    /**
     * The objective's gradient, {@code weights} spread over {@code y}'s shape, into {@code dy} (a
     * dense array of the pool), and the objective per item, the sum of {@code y ⊙ dy} over all but
     * the first axis: one pass in Java over arrays copied in bulk. libnd4j's broadcast multiply and
     * sums took 7.4 ms a pass for InceptionV3's mixed3 at batch 4 (0.44 M values), this 1.6 ms (one run under load).
     *
     * @param weights broadcastable to {@code y} (numpy's rules)
     * @return the objective per item
     */
    static float[] seed(INDArray y, INDArray weights, INDArray dy) {
        long[] ys = y.rank() == 1 ? new long[] { y.length(), 1 } : y.shape();
        float[] yv = NdArrays.toTensor(y).data();
        float[] wv = NdArrays.toTensor(weights).data();
        int rank = ys.length;
        long[] ws = new long[rank];
        long[] given = weights.shape();
        Arrays.fill(ws, 1);
        // numpy's rule: aligned at y's last axis (a vector y counts as a column)
        int lead = y.rank() - given.length;
        for (int i = Math.max(0, -lead); i < given.length; i++) {
            ws[lead + i] = given[i];
        }
        // weights' c-order strides, 0 along the axes they are broadcast along
        int[] wStride = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            if (ws[i] != 1 && ws[i] != ys[i]) {
                throw new IllegalArgumentException(
                        "objective weights " + Arrays.toString(given) + " do not broadcast to " + Arrays.toString(ys));
            }
            wStride[i] = ws[i] == 1 ? 0 : stride;
            stride *= (int) ws[i];
        }
        int inner = (int) ys[rank - 1];
        int innerStride = wStride[rank - 1];
        int outer = yv.length / Math.max(1, inner);
        int perItemOuter = outer / (int) ys[0];
        float[] d = new float[yv.length];
        double[] sums = new double[(int) ys[0]];
        for (int o = 0; o < outer; o++) {
            int w = 0;
            int rest = o;
            for (int i = rank - 2; i >= 0; i--) {
                w += rest % (int) ys[i] * wStride[i];
                rest /= (int) ys[i];
            }
            double sum = 0;
            for (int j = 0, k = o * inner; j < inner; j++, k++, w += innerStride) {
                d[k] = wv[w];
                sum += (double) yv[k] * wv[w];
            }
            sums[o / perItemOuter] += sum;
        }
        dy.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().position((int) dy.offset()).put(d);
        float[] perItem = new float[sums.length];
        for (int n = 0; n < sums.length; n++) {
            perItem[n] = (float) sums[n];
        }
        return perItem;
    }

    /** Sums {@code g} over the axes an operand of shape {@code target} was broadcast along. */
    private static INDArray unbroadcast(INDArray g, long[] target, List<INDArray> own) {
        long[] s = g.shape();
        if (Arrays.equals(s, target)) {
            return g;
        }
        int lead = s.length - target.length;
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            long t = i < lead ? 1 : target[i - lead];
            if (t == 1 && s[i] != 1) {
                axes.add(i);
            }
        }
        INDArray summed = axes.isEmpty()
                ? g
                : owned(own, g.sum(true, axes.stream().mapToInt(Integer::intValue).toArray()));
        return owned(own, summed.reshape('c', target).dup('c'));
    }

    /** The gradient of a ReLU or ReLU6 from its output {@code y} (see {@link Rectifiers}). */
    private INDArray rectified(INDArray y, INDArray dy, boolean six, List<INDArray> own) {
        INDArray dx = alloc(own, y.shape());
        if (six) {
            Rectifiers.relu6Backward(y, dy, dx);
        } else {
            Rectifiers.reluBackward(y, dy, dx);
        }
        return dx;
    }

    /** {@code g} where {@code condition} (a boolean array of g's shape) holds, zero elsewhere. */
    private static INDArray mask(INDArray g, INDArray condition, List<INDArray> own) {
        owned(own, condition);
        return owned(own, owned(own, condition.castTo(DataType.FLOAT)).muli(g));
    }

    private INDArray softmax(SoftMax s, INDArray y, INDArray dy, List<INDArray> own) {
        int axis = (int) s.iArgs()[0];
        axis = axis < 0 ? axis + y.rank() : axis;
        INDArray dot = owned(own, owned(own, dy.mul(y)).sum(true, axis));
        INDArray centred = binary(SubOp::new, dy, dot, own);
        return owned(own, centred.muli(y));
    }

    private void minMax(String name, INDArray[] x, INDArray dy, INDArray[] dx, List<INDArray> own) {
        INDArray da = alloc(own, x[0].shape());
        INDArray db = alloc(own, x[1].shape());
        Nd4j.exec(DynamicCustomOp.builder(name).addInputs(x[0], x[1], dy).addOutputs(da, db).build());
        dx[0] = da;
        dx[1] = db;
    }

    private static INDArray reshape(INDArray dy, long[] shape, List<INDArray> own) {
        return owned(own, dy.dup('c').reshape('c', shape));
    }

    /**
     * The gradient of a constant-mode pad: the unpadded part of {@code dy}, into an array of the
     * pool (ResNet50's two paddings cut 121 MB at batch 32, which a fresh array would add to the
     * pass's peak).
     */
    private INDArray unpad(long[] shape, INDArray paddings, INDArray dy, List<INDArray> own) {
        INDArrayIndex[] idx = new INDArrayIndex[shape.length];
        for (int i = 0; i < idx.length; i++) {
            long before = paddings.getLong(i, 0);
            idx[i] = NDArrayIndex.interval(before, before + shape[i]);
        }
        INDArray dx = dy.dataType() == DataType.FLOAT ? alloc(own, shape) : owned(own, dy.get(idx).dup('c'));
        if (dx.dataType() == DataType.FLOAT) {
            dx.assign(dy.get(idx));
        }
        return dx;
    }

    /**
     * The gradient of a concatenation: each operand's part of {@code dy}, along the last axis (the
     * channels of Keras's NHWC concatenations) into arrays of the pool. The objective's own
     * concatenation, whose gradient is its weights, is cut in Java, and an operand whose part is
     * zero gets none ({@code null}): nothing flows into it, and the ops that made it are skipped
     * (weights on two branches of an Inception block out of four run those two back). Elsewhere
     * the parts are copied by oneDNN ({@link DnnlSlices}).
     */
    private void concat(Concat c, long[][] shapes, INDArray dy, INDArray[] dx, List<INDArray> own) {
        int axis = (int) c.iArgs()[0];
        axis = axis < 0 ? axis + dy.rank() : axis;
        if (axis == dy.rank() - 1 && !objective.equals(c.outputVariablesNames()[0])) {
            long offset = 0;
            boolean done = true;
            for (int i = 0; i < shapes.length && done; i++) {
                dx[i] = alloc(own, shapes[i]);
                done = DnnlSlices.copy(dy, offset, dx[i]);
                offset += shapes[i][axis];
            }
            if (done) {
                return;
            }
            Arrays.fill(dx, null);
        }
        if (axis == dy.rank() - 1 && dy.dataType() == DataType.FLOAT) {
            float[] g = NdArrays.toTensor(dy).data();
            int width = (int) dy.size(axis);
            int rows = width == 0 ? 0 : g.length / width;
            int offset = 0;
            for (int i = 0; i < shapes.length; i++) {
                int size = (int) shapes[i][axis];
                float[] part = new float[rows * size];
                boolean zero = true;
                for (int r = 0; r < rows; r++) {
                    int from = r * width + offset;
                    System.arraycopy(g, from, part, r * size, size);
                    for (int k = from; k < from + size && zero; k++) {
                        zero = g[k] == 0;
                    }
                }
                if (!zero) {
                    dx[i] = alloc(own, shapes[i]);
                    dx[i].data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer()
                            .position((int) dx[i].offset()).put(part);
                }
                offset += size;
            }
            return;
        }
        long offset = 0;
        for (int i = 0; i < shapes.length; i++) {
            INDArrayIndex[] idx = new INDArrayIndex[dy.rank()];
            Arrays.fill(idx, NDArrayIndex.all());
            long size = shapes[i][axis];
            idx[axis] = NDArrayIndex.interval(offset, offset + size);
            dx[i] = owned(own, dy.get(idx).dup('c'));
            offset += size;
        }
    }

    /** The gradient of a sum or mean: {@code dy} spread back over the reduced axes. */
    private static INDArray reduced(BaseReduceOp r, long[] shape, INDArray dy, List<INDArray> own, boolean mean) {
        long[] keep = keptShape(r, shape);
        INDArray spread = spread(owned(own, dy.dup('c')).reshape('c', keep), shape, own);
        if (mean) {
            spread.divi(lengthOf(shape) / lengthOf(keep));
        }
        return spread;
    }

    /** TensorFlow's: the gradient shared equally among the positions that hold the maximum. */
    private static INDArray reducedMax(Max r, INDArray x, INDArray y, INDArray dy, List<INDArray> own) {
        long[] keep = keptShape(r, x.shape());
        INDArray max = spread(owned(own, y.dup('c')).reshape('c', keep), x.shape(), own);
        INDArray hit = owned(own, owned(own, x.eq(max)).castTo(DataType.FLOAT));
        INDArray count = owned(own, hit.sum(true, dims(r, x.rank())));
        INDArray share = spread(owned(own, owned(own, dy.dup('c')).reshape('c', keep).div(count)), x.shape(), own);
        return owned(own, hit.muli(share));
    }

    /** @return {@code small} repeated along its axes of size 1 to {@code shape} */
    private static INDArray spread(INDArray small, long[] shape, List<INDArray> own) {
        INDArray out = owned(own, Nd4j.zeros(DataType.FLOAT, shape));
        Nd4j.exec(new AddOp(out, small, out));
        return out;
    }

    private static int[] dims(BaseReduceOp r, int rank) {
        int[] d = r.getDimensions();
        if (d == null || d.length == 0 || d.length == 1 && d[0] == Integer.MAX_VALUE) {
            d = new int[rank];
            for (int i = 0; i < d.length; i++) {
                d[i] = i;
            }
        }
        return Arrays.stream(d).map(i -> i < 0 ? i + rank : i).toArray();
    }

    private static long[] keptShape(BaseReduceOp r, long[] shape) {
        long[] keep = shape.clone(); // shape() is the array's own
        for (int d : dims(r, shape.length)) {
            keep[d] = 1;
        }
        return keep;
    }

    private static long lengthOf(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** @return an array of the pool's, freed (or kept for the next call) by {@link #free} */
    private INDArray alloc(List<INDArray> own, long... shape) {
        return owned(own, pool.take(shape));
    }

    private static INDArray owned(List<INDArray> own, INDArray a) {
        own.add(a);
        return a;
    }

    /** @return how many ops' backward ran in the last pass: those that had a gradient to pass on */
    int backwardsRun() {
        return backwardsRun;
    }

    /** @return how many zero paddings the last forward pass folded into their convolutions */
    int paddingsSkipped() {
        return ownForward ? runner.paddingsSkipped() : 0;
    }

    /** The bytes this pass holds, by kind, for {@link SameDiffNetwork#memory}. */
    record Memory(long pooled, long peakInUse, long forward, long transposedKernels, long foldedKernels,
            long dnnlKernels, long dnnlScratchpad) {
    }

    Memory memory() {
        return new Memory(pool.bytes(), pool.peakInUseBytes(), forwardBytes,
                transposedKernels.values().stream().mapToLong(a -> a.length() * Float.BYTES).sum(),
                runner.foldedBytes(), runner.dnnlKernelBytes(), runner.dnnlScratchpadBytes());
    }

    /** @return the bytes this pass keeps for its next call */
    long pooledBytes() {
        return pool.bytes();
    }

    /** Frees the arrays kept for the next call (the next call allocates them again). */
    void releaseBuffers() {
        pool.close();
        pooledBatch = -1;
    }

    /**
     * Forgets what was made from the values of {@code variables} (constants replaced in place):
     * the forward pass's folded kernels and primitives, and the transposed kernels of the ops
     * that read them.
     */
    void weightsChanged(Set<String> variables) {
        for (DifferentialFunction op : runner.weightsChanged(variables)) {
            if (op.argNames().length > 1) {
                String kernel = op.argNames()[1];
                for (String key : List.of(kernel, kernel + " folded")) {
                    NdArrays.release(transposedKernels.remove(key));
                }
            }
        }
    }

    /** Frees the transposed kernels and the pool. */
    @Override
    public void close() {
        transposedKernels.values().forEach(NdArrays::release);
        transposedKernels.clear();
        runner.close();
        pool.close();
    }
}
