package org.convscope.engine.ops;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Dense: {@code x · W + b} over the last axis. Inputs of higher rank are folded to two axes and
 * back, as Keras applies the same kernel at every leading position.
 */
final class Dense {

    private Dense() {
    }

    static void register(OpRegistry r) {
        r.register(Dense::dense, "Dense");
    }

    private static OpOutput dense(OpContext ctx) throws UnsupportedConfigException {
        OpOutput in = ctx.input();
        long[] s = in.shape();
        INDArray kernel = ctx.weight(0);
        long units = kernel.size(1);
        if (kernel.size(0) != s[s.length - 1]) {
            throw new UnsupportedConfigException(
                    MessageBundles.bind(Messages.kernelFeatures, kernel.size(0), s[s.length - 1]));
        }
        SDVariable x = in.variable();
        if (s.length > 1) {
            x = ctx.sd().reshape(x, -1, s[s.length - 1]);
        }
        SDVariable y = ctx.sd().mmul(x, ctx.constant(kernel));
        if (ctx.config().bool("use_bias", true)) {
            y = y.add(ctx.constant(OpContext.reshaped(ctx.weight(1), 1, units)));
        }
        long[] out = s.clone();
        out[out.length - 1] = units;
        if (s.length > 1) {
            long[] full = new long[out.length + 1];
            full[0] = -1;
            System.arraycopy(out, 0, full, 1, out.length);
            y = ctx.sd().reshape(y, full);
        }
        return Activations.applyConfigured(ctx, y, out);
    }
}
