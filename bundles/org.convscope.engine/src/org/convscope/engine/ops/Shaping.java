package org.convscope.engine.ops;

import java.util.List;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;

/** Flatten, Reshape and Permute. Row-major order matches numpy's, so reshapes move no data. */
final class Shaping {

    private Shaping() {
    }

    static void register(OpRegistry r) {
        r.register(Shaping::flatten, "Flatten");
        r.register(Shaping::reshape, "Reshape");
        r.register(Shaping::permute, "Permute");
    }

    private static OpOutput flatten(OpContext ctx) throws UnsupportedConfigException {
        ctx.config().requireChannelsLast();
        OpOutput in = ctx.input();
        long n = product(in.shape());
        return new OpOutput(ctx.sd().reshape(in.variable(), -1, n), new long[] { n });
    }

    private static OpOutput reshape(OpContext ctx) throws UnsupportedConfigException {
        OpOutput in = ctx.input();
        List<Integer> target = ctx.config().intList("target_shape");
        long known = 1;
        int unknown = -1;
        long[] out = new long[target.size()];
        for (int i = 0; i < out.length; i++) {
            Integer d = target.get(i);
            if (d == null || d < 0) {
                if (unknown >= 0) {
                    throw new UnsupportedConfigException(Messages.targetShapeUnknowns);
                }
                unknown = i;
            } else {
                out[i] = d;
                known *= d;
            }
        }
        long n = product(in.shape());
        if (unknown >= 0) {
            out[unknown] = known == 0 ? 0 : n / known;
        }
        if (product(out) != n) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.cannotReshape, n, target));
        }
        long[] full = new long[out.length + 1];
        full[0] = -1;
        System.arraycopy(out, 0, full, 1, out.length);
        return new OpOutput(ctx.sd().reshape(in.variable(), full), out);
    }

    private static OpOutput permute(OpContext ctx) throws UnsupportedConfigException {
        OpOutput in = ctx.input();
        long[] s = in.shape();
        List<Integer> dims = ctx.config().intList("dims");
        if (dims.size() != s.length) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.dimsRank, dims, s.length));
        }
        int[] perm = new int[dims.size() + 1];
        long[] out = new long[s.length];
        for (int i = 0; i < dims.size(); i++) {
            perm[i + 1] = dims.get(i);
            out[i] = s[dims.get(i) - 1];
        }
        SDVariable y = ctx.sd().permute(in.variable(), perm);
        return new OpOutput(y, out);
    }

    static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
