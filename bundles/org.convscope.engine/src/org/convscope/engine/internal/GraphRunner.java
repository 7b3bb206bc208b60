package org.convscope.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
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
final class GraphRunner {

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
        for (int i = 0; i < all.length; i++) {
            if (runs[i]) {
                ops.add(all[i]);
                for (String a : all[i].argNames()) {
                    readers.merge(a, 1, Integer::sum);
                }
            }
        }
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
        Map<String, INDArray> values = new HashMap<>(placeholders);
        Map<String, Integer> unread = new HashMap<>(readers);
        List<INDArray> made = new ArrayList<>();
        try {
            for (DifferentialFunction op : ops) {
                String[] args = op.argNames();
                INDArray[] in = new INDArray[args.length];
                for (int a = 0; a < args.length; a++) {
                    in[a] = value(values, args[a]);
                }
                INDArray out = execute(op, in, made);
                String name = op.outputVariablesNames()[0];
                values.put(name, out);
                shapes.put(name, out.shape());
                for (String a : args) {
                    if (unread.merge(a, -1, Integer::sum) == 0 && !keep.contains(a) && !placeholders.containsKey(a)) {
                        INDArray done = values.remove(a);
                        if (done != null) {
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
        return values;
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
        if (op instanceof DynamicCustomOp c) {
            c.clearArrays();
            c.addInputArgument(in);
            INDArray z = output(c.calculateOutputShape(), made);
            c.addOutputArgument(z);
            Nd4j.exec(c);
            c.clearArrays();
            return z;
        }
        if (op instanceof BaseOp b && in.length >= 1 && in.length <= 2) {
            b.setX(in[0]);
            if (in.length == 2) {
                b.setY(in[1]);
            }
            INDArray z = output(b.calculateOutputShape(), made);
            b.setZ(z);
            Nd4j.exec(b);
            return z;
        }
        throw new IllegalStateException("cannot run " + op.opName() + " (" + op.getClass().getSimpleName() + ")");
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
