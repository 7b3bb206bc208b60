package org.convscope.engine.ops;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BinaryOperator;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Layers that combine several inputs: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate. */
final class Merge {

    private Merge() {
    }

    static void register(OpRegistry r) {
        r.register(ctx -> fold(ctx, SDVariable::add), "Add");
        r.register(ctx -> fold(ctx, SDVariable::mul), "Multiply");
        r.register(ctx -> fold(ctx, (a, b) -> ctx.sd().math().max(a, b)), "Maximum");
        r.register(ctx -> fold(ctx, (a, b) -> ctx.sd().math().min(a, b)), "Minimum");
        r.register(Merge::average, "Average");
        r.register(Merge::subtract, "Subtract");
        r.register(Merge::concatenate, "Concatenate");
    }

    private static OpOutput fold(OpContext ctx, BinaryOperator<SDVariable> op) throws UnsupportedConfigException {
        List<OpOutput> in = operands(ctx);
        SDVariable y = in.get(0).variable();
        for (int i = 1; i < in.size(); i++) {
            y = op.apply(y, in.get(i).variable());
        }
        return new OpOutput(y, broadcastShape(in));
    }

    private static OpOutput average(OpContext ctx) throws UnsupportedConfigException {
        OpOutput sum = fold(ctx, SDVariable::add);
        return new OpOutput(sum.variable().div(ctx.inputs().size()), sum.shape());
    }

    private static OpOutput subtract(OpContext ctx) throws UnsupportedConfigException {
        List<OpOutput> in = operands(ctx);
        if (in.size() != 2) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.subtractTakesTwo, in.size()));
        }
        return new OpOutput(in.get(0).variable().sub(in.get(1).variable()), broadcastShape(in));
    }

    private static OpOutput concatenate(OpContext ctx) throws UnsupportedConfigException {
        List<OpOutput> in = requireSeveral(ctx, 1);
        long[] shape = in.get(0).shape();
        int rank = shape.length + 1;
        int axis = ctx.config().integer("axis", -1);
        axis = axis < 0 ? axis + rank : axis;
        if (axis <= 0 || axis >= rank) {
            throw new UnsupportedConfigException(
                    MessageBundles.bind(Messages.concatenationAxis, ctx.config().raw("axis")));
        }
        SDVariable[] vars = new SDVariable[in.size()];
        long total = 0;
        for (int i = 0; i < vars.length; i++) {
            vars[i] = in.get(i).variable();
            total += in.get(i).shape()[axis - 1];
        }
        shape[axis - 1] = total;
        SameDiff sd = ctx.sd();
        return new OpOutput(vars.length == 1 ? vars[0] : sd.concat(axis, vars), shape);
    }

    /**
     * The operands in call order. Keras 3 writes {@code x + 3.0} in a functional model as an Add
     * operation whose positional arguments mix tensors and constants; constants become scalars.
     */
    private static List<OpOutput> operands(OpContext ctx) throws UnsupportedConfigException {
        if (!(ctx.arguments().get("args") instanceof List<?> args) || args.size() < 2) {
            return requireSeveral(ctx, 2);
        }
        List<OpOutput> out = new ArrayList<>();
        Iterator<OpOutput> tensors = ctx.inputs().iterator();
        for (Object a : args) {
            if (a instanceof Number n) {
                out.add(new OpOutput(ctx.sd().constant(n.floatValue()), new long[0]));
            } else if (tensors.hasNext()) {
                out.add(tensors.next());
            } else {
                throw new UnsupportedConfigException(MessageBundles.bind(Messages.argumentNeither, a));
            }
        }
        if (tensors.hasNext() || out.size() < 2) {
            throw new UnsupportedConfigException(Messages.argumentsDoNotMatch);
        }
        return out;
    }

    private static List<OpOutput> requireSeveral(OpContext ctx, int min) throws UnsupportedConfigException {
        if (ctx.inputs().size() < min) {
            throw new UnsupportedConfigException(
                    MessageBundles.bind(Messages.expectsAtLeast, min, ctx.inputs().size()));
        }
        return ctx.inputs();
    }

    /** Keras merges broadcast like numpy; the result takes the larger extent on each axis. */
    private static long[] broadcastShape(List<OpOutput> in) throws UnsupportedConfigException {
        long[] out = null;
        for (OpOutput o : in) {
            long[] s = o.shape();
            if (s.length == 0) {
                continue;
            }
            if (out == null) {
                out = s;
                continue;
            }
            if (s.length != out.length) {
                throw new UnsupportedConfigException(Messages.differentRanks);
            }
            for (int i = 0; i < s.length; i++) {
                if (s[i] != out[i] && s[i] != 1 && out[i] != 1) {
                    throw new UnsupportedConfigException(Messages.incompatibleShapes);
                }
                out[i] = Math.max(out[i], s[i]);
            }
        }
        return out == null ? new long[0] : out;
    }
}
