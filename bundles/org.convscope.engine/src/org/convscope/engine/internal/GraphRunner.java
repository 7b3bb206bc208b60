package org.convscope.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.convscope.core.tensor.Tensor;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D;
import org.nd4j.linalg.api.ops.impl.transforms.Pad;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the part of an engine graph that some variables depend on, op by op, into a
 * {@link BufferPool}'s arrays: each activation goes back to the pool after its last reader
 * unless it is asked for. It runs the same libnd4j ops as SameDiff's {@code output()} on the same
 * operands, so the values are the same; what it saves is SameDiff's bookkeeping per op and a fresh
 * allocation (and its page faults) for every activation of every call. When an op of the graph
 * cannot be run this way (several outputs, an op that is neither a custom op nor a legacy one) the
 * runner says so once, by {@link RunnerException}, and its owner goes back to SameDiff.
 */
final class GraphRunner implements AutoCloseable {

    /** The runner cannot run the graph; the owner should use SameDiff's {@code output()} instead. */
    static final class RunnerException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RunnerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SameDiff sd;
    private final BufferPool pool;
    /** The ops the kept variables depend on, in execution order. */
    private final List<DifferentialFunction> ops = new ArrayList<>();
    /** Activation → how many of {@link #ops} read it. */
    private final Map<String, Integer> readers = new HashMap<>();
    private final Set<String> keep;
    /** Activation → its shape in the last run. */
    private final Map<String, long[]> shapes = new HashMap<>();
    /** Convolution → the batch normalization folded into it. */
    private final Map<DifferentialFunction, Fold> folds = new IdentityHashMap<>();
    /**
     * ReLU output → its input, for a ReLU whose output only a clip to [0, 6] reads (Keras's ReLU6
     * as the engine emits it): the clip runs on the ReLU's input, which gives the same values, and
     * the ReLU does not run.
     */
    private final Map<String, String> aliases = new HashMap<>();
    /** Clip output → the output of the ReLU it makes redundant (for its shape). */
    private final Map<String, String> reluOf = new HashMap<>();
    /** An op's output shapes for operands of these shapes. */
    private record OutputShape(long[][] inputs, List<LongShapeDescriptor> outputs) {
    }

    /** Op → its output shapes in the last run. */
    private final Map<DifferentialFunction, OutputShape> outputShapes = new IdentityHashMap<>();
    /** The scale and shift ops folded into a convolution, which do not run themselves. */
    private final Set<DifferentialFunction> folded = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * A zero padding of the height and width whose output only a "valid" depthwise convolution
     * reads (Keras's ZeroPadding2D before a strided DepthwiseConv2D, as MobileNetV2 has it). When
     * the margins are those TensorFlow's "same" would add for the unpadded size (the smaller half
     * at the top and left), the convolution runs in "same" mode on the unpadded input, which reads
     * the same zeros, and the padding does not run: no padded copy forward, no crop of the
     * gradient back.
     *
     * @param same the convolution's integer arguments in "same" mode
     * @param run  the convolution in "same" mode, run in its place
     */
    private record PaddedConvolution(DifferentialFunction conv, long top, long bottom, long left, long right,
            long[] same, DynamicCustomOp run) {

        /** Whether "same" on an input of this height and width adds these margins. */
        boolean same(long h, long w) {
            return margins(h, same[0], same[2], top, bottom) && margins(w, same[1], same[3], left, right);
        }

        private static boolean margins(long in, long k, long s, long before, long after) {
            long out = (in + s - 1) / s;
            long total = Math.max((out - 1) * s + k - in, 0);
            return before == total / 2 && after == total - total / 2;
        }
    }

    /**
     * A rectifier that alone reads a convolution's output (after its folded batch normalization,
     * if any), or a residual add that alone reads it with the rectifier that alone reads the sum,
     * run inside the convolution by oneDNN ({@link DnnlConvolutions}): their ops do not run.
     *
     * @param between the activations between the convolution and the rectifier's output, which are
     *                never made (their shapes are the output's)
     * @param output  the rectifier's (or the add's) output, which the convolution writes
     * @param summand the add's other operand, or {@code null} when no add is fused
     */
    private record Fused(DnnlConvolution.PostOp post, List<String> between, String output, String summand) {
    }

    /** Convolution → the rectifier fused into it. */
    private final Map<DifferentialFunction, Fused> fused = new IdentityHashMap<>();
    /** The rectifiers fused into a convolution, which do not run themselves. */
    private final Set<DifferentialFunction> fusedAway = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The convolutions oneDNN may run directly, with their kept primitives. */
    private final DnnlConvolutions direct = new DnnlConvolutions();

    /** Padding → the convolution it may be folded into. */
    private final Map<DifferentialFunction, PaddedConvolution> padded = new IdentityHashMap<>();
    /** The paddings folded into their convolution in the last run. */
    private final Set<DifferentialFunction> paddingsSkipped = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The convolutions that ran in "same" mode in the last run, with what they ran as. */
    private final Map<DifferentialFunction, PaddedConvolution> sameInstead = new IdentityHashMap<>();

    /**
     * A convolution whose output only an inference batch normalization reads, as the engine emits
     * it (a multiply by a per-channel scale, then an add of a per-channel shift), and nothing else
     * keeps: it runs as one convolution with the scale folded into its kernel and the shift into
     * its bias, one pass over the output instead of three.
     */
    private static final class Fold {

        final DifferentialFunction scale;
        final DifferentialFunction shift;
        /**
         * The folded kernel and bias, made at the first run. The kernel is freed again once oneDNN
         * holds its own copy for the input shape that ran ({@link #run}), unless a gradient asked
         * for it ({@link #foldedKernel}): a network's weights would otherwise be held three times.
         */
        INDArray kernel;
        INDArray bias;
        /** Whether a gradient read the folded kernel, which is then kept. */
        boolean read;

        Fold(DifferentialFunction scale, DifferentialFunction shift) {
            this.scale = scale;
            this.shift = shift;
        }
    }

    /**
     * @param keep the variables whose values {@link #run} returns
     */
    GraphRunner(SameDiff sd, BufferPool pool, Collection<String> keep) {
        this.sd = sd;
        this.pool = pool;
        this.keep = new HashSet<>(keep);
        DifferentialFunction[] all = sd.ops();
        Set<String> wanted = new HashSet<>(keep);
        boolean[] runs = new boolean[all.length];
        for (int i = all.length - 1; i >= 0; i--) {
            if (Arrays.stream(all[i].outputVariablesNames()).anyMatch(wanted::contains)) {
                runs[i] = true;
                wanted.addAll(Arrays.asList(all[i].argNames()));
            }
        }
        Map<String, DifferentialFunction> readBy = new HashMap<>();
        for (int i = 0; i < all.length; i++) {
            if (runs[i]) {
                ops.add(all[i]);
                for (String a : all[i].argNames()) {
                    readers.merge(a, 1, Integer::sum);
                    readBy.put(a, all[i]);
                }
            }
        }
        for (DifferentialFunction op : ops) {
            findFold(op, readBy);
            findPadded(op, readBy);
            if (reluBeforeRelu6(op, readers, readBy, this.keep)) {
                String out = op.outputVariablesNames()[0];
                aliases.put(out, op.argNames()[0]);
                reluOf.put(readBy.get(out).outputVariablesNames()[0], out);
                folded.add(op);
            }
        }
        Map<String, Integer> producedAt = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            for (String o : ops.get(i).outputVariablesNames()) {
                producedAt.put(o, i);
            }
        }
        // a folded batch normalization's output is made when its convolution runs
        folds.forEach((conv, fold) -> producedAt.put(fold.shift.outputVariablesNames()[0],
                producedAt.get(conv.outputVariablesNames()[0])));
        for (DifferentialFunction op : ops) {
            if (DnnlConvolutions.applies(op)) {
                findFused(op, readBy, producedAt);
            }
        }
    }

    /**
     * Finds a ReLU or ReLU6 that alone reads {@code conv}'s output (after its folded batch
     * normalization), which nothing keeps: ReLU (cut-off 0), a clip to [0, 6], or a ReLU whose
     * only reader is such a clip (found by the constructor's first loop).
     */
    private void findFused(DifferentialFunction conv, Map<String, DifferentialFunction> readBy,
            Map<String, Integer> producedAt) {
        Fold fold = folds.get(conv);
        String last = (fold != null ? fold.shift : conv).outputVariablesNames()[0];
        DifferentialFunction r = onlyReader(last, readBy);
        if (r instanceof RectifiedLinear relu && relu.getScalarValue().getDouble(0) == 0) {
            String out = r.outputVariablesNames()[0];
            if (aliases.containsKey(out)) {
                DifferentialFunction clip = readBy.get(out);
                fused.put(conv, new Fused(DnnlConvolution.PostOp.RELU6, List.of(last, out),
                        clip.outputVariablesNames()[0], null));
                fusedAway.add(clip);
            } else {
                fused.put(conv, new Fused(DnnlConvolution.PostOp.RELU, List.of(last), out, null));
                fusedAway.add(r);
            }
        } else if (r != null && Rectifiers.relu6(r)) {
            fused.put(conv, new Fused(DnnlConvolution.PostOp.RELU6, List.of(last), r.outputVariablesNames()[0], null));
            fusedAway.add(r);
        } else if (r instanceof AddOp add && add.argNames().length == 2) {
            findResidual(conv, last, add, readBy, producedAt);
        }
    }

    /**
     * A residual connection's add (ResNet's, MobileNetV2's) that alone reads {@code last}, the
     * convolution's output, and whose other operand is an activation made before the convolution
     * runs: the convolution adds it (oneDNN's sum post-op, on an output array holding it), with the
     * ReLU that alone reads the sum, if any. Two passes over the activation (the add and the
     * rectifier) fewer per block.
     *
     * @param producedAt each activation made by the runner's ops → the index of the op making it
     */
    private void findResidual(DifferentialFunction conv, String last, AddOp add,
            Map<String, DifferentialFunction> readBy, Map<String, Integer> producedAt) {
        String[] a = add.argNames();
        String other = a[0].equals(last) ? a[1] : a[0];
        if (other.equals(last) || !isActivation(other) || aliases.containsKey(other) || aliases.containsValue(other)
                || producedAt.getOrDefault(other, -1) >= producedAt.get(conv.outputVariablesNames()[0])) {
            return;
        }
        String sum = add.outputVariablesNames()[0];
        DifferentialFunction r = onlyReader(sum, readBy);
        if (r instanceof RectifiedLinear relu && relu.getScalarValue().getDouble(0) == 0
                && !aliases.containsKey(r.outputVariablesNames()[0])) {
            fused.put(conv, new Fused(DnnlConvolution.PostOp.SUM_RELU, List.of(last, sum), r.outputVariablesNames()[0],
                    other));
            fusedAway.add(r);
        } else {
            fused.put(conv, new Fused(DnnlConvolution.PostOp.SUM, List.of(last), sum, other));
        }
        fusedAway.add(add);
    }

    /**
     * @param readers how many ops read each activation
     * @param readBy  each activation's last reader among the ops
     * @return whether {@code op} is a ReLU (cut-off 0) whose output only a clip to [0, 6] reads and
     *         nothing in {@code keep} asks for
     */
    static boolean reluBeforeRelu6(DifferentialFunction op, Map<String, Integer> readers,
            Map<String, DifferentialFunction> readBy, Set<String> keep) {
        if (!(op instanceof RectifiedLinear r) || r.getScalarValue().getDouble(0) != 0) {
            return false;
        }
        String out = op.outputVariablesNames()[0];
        if (readers.getOrDefault(out, 0) != 1) {
            return false;
        }
        DifferentialFunction reader = readBy.get(out);
        return !keep.contains(out) && reader instanceof ClipByValue c && c.argNames().length == 1
                && c.tArgs().length == 2 && c.tArgs()[0] == 0 && c.tArgs()[1] == 6;
    }

    private void findFold(DifferentialFunction conv, Map<String, DifferentialFunction> readBy) {
        if (!(conv instanceof Conv2D || conv instanceof DepthwiseConv2D)) {
            return;
        }
        long[] a = ((DynamicCustomOp) conv).iArgs();
        String[] args = conv.argNames();
        if (a.length < 10 || a[9] != 1 || a.length > 10 && a[10] != 0 || args.length < 2
                || args.length > 3 || Arrays.stream(args).skip(1).anyMatch(this::isActivation)) {
            return;
        }
        INDArray kernel = sd.getArrForVarName(args[1]);
        if (kernel == null || kernel.rank() != 4) {
            return;
        }
        long channels = conv instanceof Conv2D ? kernel.size(3) : kernel.size(2) * kernel.size(3);
        String c = conv.outputVariablesNames()[0];
        DifferentialFunction mul = onlyReader(c, readBy);
        if (!(mul instanceof MulOp) || perChannel(mul, c) != channels) {
            return;
        }
        String m = mul.outputVariablesNames()[0];
        DifferentialFunction add = onlyReader(m, readBy);
        if (!(add instanceof AddOp) || perChannel(add, m) != channels) {
            return;
        }
        folds.put(conv, new Fold(mul, add));
        folded.add(mul);
        folded.add(add);
    }

    private void findPadded(DifferentialFunction pad, Map<String, DifferentialFunction> readBy) {
        String[] args = pad.argNames();
        if (!(pad instanceof Pad p) || args.length != 2 || isActivation(args[1])
                || p.iArgs().length > 0 && p.iArgs()[0] != 0
                || p.tArgs().length > 0 && p.tArgs()[0] != 0) {
            return;
        }
        String out = pad.outputVariablesNames()[0];
        if (!(onlyReader(out, readBy) instanceof DepthwiseConv2D d) || d.argNames().length < 2
                || d.argNames().length > 3 || !d.argNames()[0].equals(out)
                || Arrays.stream(d.argNames()).skip(1).anyMatch(this::isActivation)) {
            return;
        }
        long[] a = d.iArgs();
        INDArray m = sd.getArrForVarName(args[1]);
        if (a[8] != 0 || !StridedDepthwise.applies(a, sd.getArrForVarName(d.argNames()[1])) || m == null
                || !Arrays.equals(m.shape(), new long[] { 4, 2 }) || m.getLong(0, 0) != 0 || m.getLong(0, 1) != 0
                || m.getLong(3, 0) != 0 || m.getLong(3, 1) != 0) {
            return;
        }
        long[] same = a.clone();
        same[8] = 1;
        DynamicCustomOp run = DynamicCustomOp.builder(d.opName())
                .addIntegerArguments(Arrays.stream(same).mapToInt(Math::toIntExact).toArray()).build();
        padded.put(pad, new PaddedConvolution(d, m.getLong(1, 0), m.getLong(1, 1), m.getLong(2, 0), m.getLong(2, 1),
                same, run));
    }

    /** @return the op that alone reads {@code var}, which nothing keeps, or {@code null} */
    private DifferentialFunction onlyReader(String var, Map<String, DifferentialFunction> readBy) {
        return readers.getOrDefault(var, 0) == 1 && !keep.contains(var) ? readBy.get(var) : null;
    }

    /**
     * @return the channel count of the constant per-channel operand (shape (1, …, 1, C)) of a
     *         binary op whose first operand is {@code var}, or -1
     */
    private long perChannel(DifferentialFunction op, String var) {
        String[] args = op.argNames();
        if (args.length != 2 || !args[0].equals(var) || isActivation(args[1])) {
            return -1;
        }
        INDArray v = sd.getArrForVarName(args[1]);
        if (v == null || v.rank() == 0 || v.dataType() != DataType.FLOAT) {
            return -1;
        }
        long[] shape = v.shape();
        for (int i = 0; i < shape.length - 1; i++) {
            if (shape[i] != 1) {
                return -1;
            }
        }
        return shape[shape.length - 1];
    }

    private boolean isActivation(String var) {
        return sd.getVariable(var).getVariableType() == VariableType.ARRAY;
    }

    /**
     * Runs the ops. Arrays it makes are added to {@code own}: the pool's go back to it, others are
     * freed, by the owner ({@link BufferPool#give} / {@link NdArrays#release}).
     *
     * @param placeholders the graph's placeholder values, kept by the caller
     * @return the placeholders and the kept variables' values
     * @throws RunnerException when an op cannot be run this way (nothing of this call is left in
     *                         use then)
     */
    Map<String, INDArray> run(Map<String, INDArray> placeholders, List<INDArray> own) {
        shapes.clear();
        paddingsSkipped.clear();
        sameInstead.clear();
        // a folded padding adds an alias for this run only: a copy, where the graph has one
        Map<String, String> alias = padded.isEmpty() ? aliases : new HashMap<>(aliases);
        Map<String, INDArray> values = new HashMap<>(placeholders);
        Map<String, Integer> unread = new HashMap<>(readers);
        List<INDArray> made = new ArrayList<>();
        long whole = OpTimes.start();
        try {
            for (DifferentialFunction op : ops) {
                if (folded.contains(op) || fusedAway.contains(op)) {
                    continue;
                }
                long t0 = OpTimes.start();
                String[] args = op.argNames().clone();
                for (int a = 0; a < args.length; a++) {
                    args[a] = alias.getOrDefault(args[a], args[a]);
                }
                INDArray[] in = new INDArray[args.length];
                for (int a = 0; a < args.length; a++) {
                    in[a] = value(values, args[a]);
                }
                PaddedConvolution p = padded.get(op);
                if (p != null && in[0].rank() == 4 && p.same(in[0].size(1), in[0].size(2))) {
                    // the convolution reads the unpadded input; its read stands for this one
                    String name = op.outputVariablesNames()[0];
                    alias.put(name, args[0]);
                    shapes.put(name, in[0].shape());
                    paddingsSkipped.add(op);
                    sameInstead.put(p.conv(), p);
                    continue;
                }
                Fold fold = folds.get(op);
                // a primitive oneDNN made for this shape holds the folded kernel already: the
                // graph's kernel, of the same shape, stands for it
                boolean held = fold != null && DnnlConvolutions.applies(op) && direct.holds(op, in[0]);
                if (fold != null && fold.kernel == null && !held) {
                    fold(fold, in);
                }
                INDArray out = null;
                INDArray kernel = fold != null && fold.kernel != null ? fold.kernel : in.length > 1 ? in[1] : null;
                INDArray bias = fold != null ? fold.bias : in.length == 3 ? in[2] : null;
                Fused f = fused.get(op);
                boolean byDnnl = false;
                String summand = f == null ? null : f.summand();
                INDArray summandValue = summand == null ? null : value(values, summand);
                // the add is the summand's last reader: the convolution may overwrite it
                boolean inPlace = summand != null && unread.getOrDefault(summand, 0) == 1 && !keep.contains(summand)
                        && !placeholders.containsKey(summand) && !alias.containsValue(summand)
                        && pool.owns(summandValue);
                if (DnnlConvolutions.applies(op)) {
                    out = direct.forward(op, convolutionArgs((DynamicCustomOp) op), in[0], kernel, bias,
                            f != null ? f.post() : DnnlConvolution.PostOp.NONE, summandValue, inPlace, pool, made);
                    byDnnl = out != null;
                }
                if (out == null && fold != null && fold.kernel == null) {
                    fold(fold, in);
                    kernel = fold.kernel;
                }
                if (out != null) {
                    // oneDNN ran it, the rectifier included
                    if (fold != null && !fold.read) {
                        NdArrays.release(fold.kernel);
                        fold.kernel = null;
                    }
                } else if (Pointwise.applies(op) && Pointwise.batched(in[0]) && Pointwise.plain(in[0])
                        && Pointwise.plain(kernel)) {
                    out = Pointwise.forward(in[0], kernel, bias, Pointwise.strides(op), pool, made);
                } else {
                    PaddedConvolution same = sameInstead.get(op);
                    if (fold == null && same == null) {
                        out = execute(op, in, made);
                    } else {
                        DynamicCustomOp c = same != null ? same.run() : (DynamicCustomOp) op;
                        out = executeCustom(c, fold == null ? in : new INDArray[] { in[0], fold.kernel, fold.bias },
                                made);
                    }
                }
                if (f != null && !byDnnl) {
                    if (summandValue != null) {
                        out.addi(summandValue);
                    }
                    rectify(out, f.post());
                }
                if (OpTimes.ON) {
                    OpTimes.stop("fwd " + kind(op, in) + (fold != null ? " +bn" : "")
                            + (sameInstead.containsKey(op) ? " +pad" : "")
                            + (f != null ? " +" + f.post().name().toLowerCase(Locale.ROOT) : "")
                            + (byDnnl ? " (oneDNN)" : ""), t0);
                }
                String name = op.outputVariablesNames()[0];
                shapes.put(name, out.shape());
                String clipped = reluOf.get(name);
                if (clipped != null) {
                    shapes.put(clipped, out.shape());
                }
                if (fold != null) {
                    shapes.put(fold.scale.outputVariablesNames()[0], out.shape());
                    name = fold.shift.outputVariablesNames()[0];
                    shapes.put(name, out.shape());
                }
                if (f != null) {
                    for (String b : f.between()) {
                        shapes.put(b, out.shape());
                    }
                    name = f.output();
                    shapes.put(name, out.shape());
                }
                values.put(name, out);
                String[] read = args;
                if (summand != null) {
                    // the fused add's read of its other operand
                    read = Arrays.copyOf(args, args.length + 1);
                    read[args.length] = summand;
                }
                for (String a : read) {
                    if (unread.merge(a, -1, Integer::sum) == 0 && !keep.contains(a) && !placeholders.containsKey(a)) {
                        INDArray done = values.remove(a);
                        // an add fused in place wrote the output into its operand's array
                        if (done != null && done != out) {
                            pool.give(done);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            made.forEach(a -> {
                if (pool.owns(a)) {
                    pool.give(a);
                } else {
                    NdArrays.release(a);
                }
            });
            throw new RunnerException(e.getMessage(), e);
        }
        own.addAll(made);
        OpTimes.stop("fwd (whole pass)", whole);
        return values;
    }

    /** @return a short name of what {@code op} computes on these operands, for {@link OpTimes} */
    static String kind(DifferentialFunction op, INDArray[] in) {
        if ((op instanceof Conv2D || op instanceof DepthwiseConv2D) && in.length > 1 && in[1] != null
                && in[1].rank() == 4) {
            long[] a = ((DynamicCustomOp) op).iArgs();
            return (op instanceof Conv2D ? "conv2d " : "depthwise ") + in[1].size(0) + "x" + in[1].size(1)
                    + (a[2] != 1 ? " s" + a[2] : "");
        }
        return op.opName();
    }

    /**
     * @return the kernel with the batch normalization's scale folded in that {@code conv} ran with
     *         in the last {@link #run} (folded again if it was freed, and kept from then on), or
     *         {@code null} when none was folded into it
     */
    INDArray foldedKernel(DifferentialFunction conv) {
        Fold f = folds.get(conv);
        if (f == null || f.bias == null) {
            return null;
        }
        f.read = true;
        if (f.kernel == null) {
            fold(f, constants(conv));
        }
        return f.kernel;
    }

    /** @return whether {@code op} is the scale of a batch normalization folded into a convolution */
    boolean foldedScale(DifferentialFunction op) {
        return op instanceof MulOp && folded.contains(op);
    }

    /**
     * @return whether {@code op} is a zero padding that the last {@link #run} folded into the
     *         convolution reading it: its output's gradient is its input's, of the unpadded shape
     *         ({@link #shape} gives that shape for its output too)
     */
    boolean paddingSkipped(DifferentialFunction op) {
        return paddingsSkipped.contains(op);
    }

    /**
     * @return the integer arguments {@code conv} ran with in the last {@link #run}: its own, or
     *         those of "same" mode when a padding was folded into it
     */
    long[] convolutionArgs(DynamicCustomOp conv) {
        PaddedConvolution p = sameInstead.get(conv);
        return p != null ? p.same() : conv.iArgs();
    }

    /** @return how many zero paddings the last {@link #run} folded into their convolutions */
    int paddingsSkipped() {
        return paddingsSkipped.size();
    }

    /**
     * The input gradient of a convolution the last {@link #run} gave oneDNN, by oneDNN with the
     * kernel kept for it ({@link DnnlConvolutions#inputGradient}).
     *
     * @param dx the input's gradient; overwritten
     * @return false, having done nothing, when oneDNN did not run {@code conv} at this shape or
     *         cannot run its gradient
     */
    boolean inputGradient(DifferentialFunction conv, INDArray dy, INDArray dx) {
        return direct.inputGradient(conv, dy, dx);
    }

    /** A fused rectifier, in place, for a convolution oneDNN did not run after all (the add done). */
    private static void rectify(INDArray z, DnnlConvolution.PostOp post) {
        if (post == DnnlConvolution.PostOp.RELU || post == DnnlConvolution.PostOp.SUM_RELU) {
            Nd4j.exec(new RectifiedLinear(z, z, 0));
        } else if (post == DnnlConvolution.PostOp.RELU6) {
            Rectifiers.relu6(z, z);
        }
    }

    /**
     * @return how many convolutions run with a rectifier or a residual add fused in (by oneDNN,
     *         when it runs them)
     */
    int fused() {
        return fused.size();
    }

    /** @return how many convolutions run with a residual add fused in (by oneDNN, when it runs them) */
    int residuals() {
        return (int) fused.values().stream().filter(f -> f.summand() != null).count();
    }

    /** @return how many oneDNN convolution primitives (convolution and input shape) are kept */
    int directPrimitives() {
        return direct.size();
    }

    /** @return the bytes of the kernels and biases with a batch normalization folded in */
    long foldedBytes() {
        return folds.values().stream().filter(f -> f.kernel != null)
                .mapToLong(f -> (f.kernel.length() + f.bias.length()) * Float.BYTES).sum();
    }

    /** @return the bytes of the kernels oneDNN's primitives keep in their own layouts */
    long dnnlKernelBytes() {
        return direct.kernelBytes();
    }

    /** @return the most scratch memory one of oneDNN's primitives needs */
    long dnnlScratchpadBytes() {
        return direct.scratchpadBytes();
    }

    /** @return how many convolutions run with a batch normalization folded in */
    int folds() {
        return folds.size();
    }

    /** @return the shape each activation had in the last {@link #run}, kept or not */
    long[] shape(String name) {
        return shapes.get(name);
    }

    private INDArray value(Map<String, INDArray> values, String name) {
        INDArray v = values.get(name);
        if (v == null && sd.getVariable(name).getVariableType() != VariableType.ARRAY) {
            v = sd.getArrForVarName(name);
        }
        if (v == null) {
            throw new IllegalStateException("no value for " + name);
        }
        return v;
    }

    /** Runs one op on these operands into a new array (the pool's when float). */
    private INDArray execute(DifferentialFunction op, INDArray[] in, List<INDArray> made) {
        if (op.outputVariablesNames().length != 1) {
            throw new IllegalStateException(op.opName() + " has " + op.outputVariablesNames().length + " outputs");
        }
        if (Rectifiers.relu6(op) && in[0].dataType() == DataType.FLOAT) {
            INDArray z = pool.take(in[0].shape());
            made.add(z);
            Rectifiers.relu6(in[0], z);
            return z;
        }
        if (op instanceof DynamicCustomOp c) {
            return executeCustom(c, in, made);
        }
        if (op instanceof BaseOp b && in.length >= 1 && in.length <= 2) {
            b.setX(in[0]);
            if (in.length == 2) {
                b.setY(in[1]);
            }
            INDArray z = output(b, in, b::calculateOutputShape, made);
            b.setZ(z);
            Nd4j.exec(b);
            // the op is the graph's: it must not keep the pool's arrays, which may be freed
            // before SameDiff hashes or runs the op again
            b.clearArrays();
            return z;
        }
        throw new IllegalStateException("cannot run " + op.opName() + " (" + op.getClass().getSimpleName() + ")");
    }

    /** Runs a custom op on these operands into a new array (the pool's when float). */
    private INDArray executeCustom(DynamicCustomOp c, INDArray[] in, List<INDArray> made) {
        long t0 = OpTimes.start();
        c.clearArrays();
        c.addInputArgument(in);
        INDArray z = output(c, in, c::calculateOutputShape, made);
        c.addOutputArgument(z);
        OpTimes.stop("java: shape + output array", t0);
        Nd4j.exec(c);
        c.clearArrays();
        return z;
    }

    /**
     * kernel · scale and bias · scale + shift, per output channel: the kernel's output channel is
     * its flat index modulo the channel count for a (kH, kW, in, out) kernel and for a depthwise
     * (kH, kW, channels, multiplier) one alike.
     */
    private void fold(Fold fold, INDArray[] in) {
        float[] scale = NdArrays.toTensor(value(Map.of(), fold.scale.argNames()[1])).data();
        float[] shift = NdArrays.toTensor(value(Map.of(), fold.shift.argNames()[1])).data();
        INDArray k = in[1];
        int channels = scale.length;
        if (shift.length != channels || k.length() % channels != 0
                || in.length == 3 && in[2].length() != channels) {
            throw new IllegalStateException("batch normalization of " + channels + " channels after a kernel of "
                    + Arrays.toString(k.shape()));
        }
        if (fold.kernel == null) {
            fold.kernel = Nd4j.createUninitialized(DataType.FLOAT, k.shape(), 'c');
        }
        // natively, into the array the fold had if it had one: a kernel refolded after its weights
        // were replaced (weightsChanged) needs no new memory
        long rows = k.length() / channels;
        try (INDArray s = Nd4j.createFromArray(scale)) {
            Nd4j.exec(new BroadcastMulOp(k.reshape('c', rows, channels), s, fold.kernel.reshape('c', rows, channels),
                    1));
        }
        float[] b = in.length == 3 ? NdArrays.toTensor(in[2]).data() : new float[channels];
        float[] bias = new float[channels];
        for (int c = 0; c < channels; c++) {
            bias[c] = b[c] * scale[c] + shift[c];
        }
        NdArrays.release(fold.bias);
        fold.bias = NdArrays.toNd(new Tensor(bias, new int[] { channels }));
    }

    /**
     * Makes again what was made from the values of {@code variables} (constants whose values were
     * replaced in place): the folded kernels of the convolutions that read them, and the kernels
     * oneDNN's primitives hold, in the memory they had.
     *
     * @return the ops that read them, directly or through a folded batch normalization
     */
    Set<DifferentialFunction> weightsChanged(Set<String> variables) {
        Set<DifferentialFunction> changed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (DifferentialFunction op : ops) {
            Fold fold = folds.get(op);
            boolean reads = readsAny(op, variables)
                    || fold != null && (readsAny(fold.scale, variables) || readsAny(fold.shift, variables));
            if (!reads) {
                continue;
            }
            changed.add(op);
            if (fold == null && !DnnlConvolutions.applies(op)) {
                // reads its operands at every run
                continue;
            }
            String[] args = op.argNames();
            if (Arrays.stream(args).skip(1).anyMatch(a -> sd.getVariable(a).getVariableType() == VariableType.ARRAY)) {
                // a kernel computed in the graph: made anew at the next run
                direct.forget(op);
                if (fold != null) {
                    NdArrays.release(fold.kernel);
                    fold.kernel = null;
                }
                continue;
            }
            INDArray[] in = constants(op);
            // a fold that ran and whose kernel was freed is made again for oneDNN's primitives
            boolean freed = fold != null && fold.kernel == null && fold.bias != null;
            if (fold != null && fold.bias != null) {
                fold(fold, in);
            }
            if (args.length > 1) {
                direct.setKernel(op, fold != null && fold.kernel != null ? fold.kernel : in[1],
                        fold != null && fold.bias != null ? fold.bias : args.length == 3 ? in[2] : null);
            }
            if (freed) {
                NdArrays.release(fold.kernel);
                fold.kernel = null;
            }
        }
        return changed;
    }

    /** @return {@code op}'s operands after the first (its kernel and bias, constants), the first {@code null} */
    private INDArray[] constants(DifferentialFunction op) {
        String[] args = op.argNames();
        INDArray[] in = new INDArray[args.length];
        for (int a = 1; a < args.length; a++) {
            in[a] = value(Map.of(), args[a]);
        }
        return in;
    }

    private static boolean readsAny(DifferentialFunction op, Set<String> variables) {
        for (String a : op.argNames()) {
            if (variables.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** Frees the folded kernels and oneDNN's primitives with their reordered kernels. */
    @Override
    public void close() {
        direct.close();
        for (Fold f : folds.values()) {
            NdArrays.release(f.kernel);
            NdArrays.release(f.bias);
            f.kernel = null;
            f.bias = null;
        }
    }

    /**
     * The output array of {@code op} on these operands, its shape asked of libnd4j (a native call
     * per op) only when the operands' shapes differ from the last run's.
     */
    private INDArray output(DifferentialFunction op, INDArray[] in, Supplier<List<LongShapeDescriptor>> shape,
            List<INDArray> made) {
        long[][] shapes = new long[in.length][];
        for (int i = 0; i < in.length; i++) {
            shapes[i] = in[i].shape();
        }
        OutputShape known = outputShapes.get(op);
        if (known == null || !Arrays.deepEquals(known.inputs(), shapes)) {
            known = new OutputShape(shapes, shape.get());
            outputShapes.put(op, known);
        }
        return output(known.outputs(), made);
    }

    private INDArray output(List<LongShapeDescriptor> descriptors, List<INDArray> made) {
        if (descriptors.size() != 1) {
            throw new IllegalStateException(descriptors.size() + " outputs");
        }
        LongShapeDescriptor d = descriptors.get(0);
        INDArray z = d.dataType() == DataType.FLOAT
                ? pool.take(d.getShape())
                : Nd4j.createUninitialized(d.dataType(), d.getShape());
        made.add(z);
        return z;
    }
}
