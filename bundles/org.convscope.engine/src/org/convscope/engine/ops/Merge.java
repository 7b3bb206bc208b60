package org.convscope.engine.ops;

import java.util.List;
import java.util.function.BinaryOperator;

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
        List<OpOutput> in = requireSeveral(ctx, 2);
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
        List<OpOutput> in = requireSeveral(ctx, 2);
        if (in.size() != 2) {
            throw new UnsupportedConfigException("Subtract takes exactly 2 inputs, got " + in.size());
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
            throw new UnsupportedConfigException("concatenation along axis " + ctx.config().raw("axis"));
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

    private static List<OpOutput> requireSeveral(OpContext ctx, int min) throws UnsupportedConfigException {
        if (ctx.inputs().size() < min) {
            throw new UnsupportedConfigException("expects at least " + min + " inputs, got " + ctx.inputs().size());
        }
        return ctx.inputs();
    }

    /** Keras merges broadcast like numpy; the result takes the larger extent on each axis. */
    private static long[] broadcastShape(List<OpOutput> in) throws UnsupportedConfigException {
        long[] out = in.get(0).shape();
        for (OpOutput o : in) {
            long[] s = o.shape();
            if (s.length != out.length) {
                throw new UnsupportedConfigException("inputs of different ranks");
            }
            for (int i = 0; i < s.length; i++) {
                if (s[i] != out[i] && s[i] != 1 && out[i] != 1) {
                    throw new UnsupportedConfigException("inputs of incompatible shapes");
                }
                out[i] = Math.max(out[i], s[i]);
            }
        }
        return out;
    }
}
