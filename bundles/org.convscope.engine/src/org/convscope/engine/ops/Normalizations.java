package org.convscope.engine.ops;

import java.util.Arrays;
import java.util.List;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BatchNormalization (inference form) and LayerNormalization. Batch normalization is folded at
 * build time into one scale and one shift per channel, so at run time it costs a multiply and an
 * add.
 */
final class Normalizations {

    private Normalizations() {
    }

    static void register(OpRegistry r) {
        r.register(Normalizations::batchNorm, "BatchNormalization");
        r.register(Normalizations::layerNorm, "LayerNormalization");
    }

    private static OpOutput batchNorm(OpContext ctx) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        OpOutput in = ctx.input();
        int rank = in.shape().length + 1;
        List<Integer> axes = c.has("axis") ? c.intList("axis") : List.of(-1);
        if (axes.size() != 1) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.batchNormAxes, axes));
        }
        int axis = axes.get(0) < 0 ? axes.get(0) + rank : axes.get(0);
        boolean scale = c.bool("scale", true);
        boolean center = c.bool("center", true);
        int i = 0;
        INDArray gamma = scale ? ctx.weight(i++) : null;
        INDArray beta = center ? ctx.weight(i++) : null;
        INDArray mean = ctx.weight(i++);
        INDArray variance = ctx.weight(i);
        double eps = c.number("epsilon", 1e-3);
        INDArray factor = Transforms.pow(variance.add(eps), -0.5, true);
        if (gamma != null) {
            factor.muli(gamma);
        }
        INDArray shift = mean.mul(factor).negi();
        if (beta != null) {
            shift.addi(beta);
        }
        SDVariable y = in.variable().mul(ctx.constant(OpContext.alongAxis(factor, rank, axis)))
                .add(ctx.constant(OpContext.alongAxis(shift, rank, axis)));
        return new OpOutput(y, in.shape());
    }

    /** Normalizes over the configured axes per item; Keras 3's {@code rms_scaling} skips the centring. */
    private static OpOutput layerNorm(OpContext ctx) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        OpOutput in = ctx.input();
        long[] s = in.shape();
        int rank = s.length + 1;
        List<Integer> axisList = c.has("axis") ? c.intList("axis") : List.of(-1);
        int[] axes = new int[axisList.size()];
        long[] paramShape = new long[rank];
        Arrays.fill(paramShape, 1);
        for (int j = 0; j < axes.length; j++) {
            axes[j] = axisList.get(j) < 0 ? axisList.get(j) + rank : axisList.get(j);
            if (axes[j] == 0) {
                throw new UnsupportedConfigException(Messages.normalizationBatchAxis);
            }
            paramShape[axes[j]] = s[axes[j] - 1];
        }
        double eps = c.number("epsilon", 1e-3);
        boolean rms = c.bool("rms_scaling", false);
        boolean scale = c.bool("scale", true) || rms;
        boolean center = c.bool("center", true) && !rms;
        SameDiff sd = ctx.sd();
        SDVariable x = in.variable();
        SDVariable centred;
        SDVariable meanSquare;
        if (rms) {
            centred = x;
            meanSquare = sd.mean(sd.math().square(x), true, axes);
        } else {
            centred = x.sub(sd.mean(x, true, axes));
            meanSquare = sd.mean(sd.math().square(centred), true, axes);
        }
        SDVariable y = centred.mul(sd.math().rsqrt(meanSquare.add(eps)));
        int i = 0;
        if (scale) {
            y = y.mul(ctx.constant(ctx.weight(i++).reshape('c', paramShape)));
        }
        if (center) {
            y = y.add(ctx.constant(ctx.weight(i).reshape('c', paramShape)));
        }
        return new OpOutput(y, s);
    }
}
