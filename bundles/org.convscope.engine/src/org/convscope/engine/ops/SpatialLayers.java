package org.convscope.engine.ops;

import java.util.List;

import org.convscope.core.text.MessageBundles;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layers that change the spatial size: ZeroPadding, Cropping and UpSampling in 1 and 2
 * dimensions (2-D upsampling nearest or bilinear, as TensorFlow resizes).
 */
final class SpatialLayers {

    private SpatialLayers() {
    }

    static void register(OpRegistry r) {
        r.register(SpatialLayers::zeroPadding, "ZeroPadding2D");
        r.register(SpatialLayers::cropping, "Cropping2D");
        r.register(SpatialLayers::upSampling, "UpSampling2D");
        r.register(SpatialLayers::zeroPadding1d, "ZeroPadding1D");
        r.register(SpatialLayers::cropping1d, "Cropping1D");
        r.register(SpatialLayers::upSampling1d, "UpSampling1D");
    }

    private static OpOutput zeroPadding1d(OpContext ctx) throws UnsupportedConfigException {
        int[] p = margins1d(ctx, "padding");
        long[] s = ctx.input().shape();
        SameDiff sd = ctx.sd();
        SDVariable paddings = sd.constant(Nd4j.createFromArray(new int[][] { { 0, 0 }, p, { 0, 0 } }));
        return new OpOutput(sd.nn().pad(ctx.input().variable(), paddings, 0), new long[] { s[0] + p[0] + p[1], s[1] });
    }

    private static OpOutput cropping1d(OpContext ctx) throws UnsupportedConfigException {
        int[] c = margins1d(ctx, "cropping");
        long[] s = ctx.input().shape();
        long n = s[0] - c[0] - c[1];
        if (n <= 0) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.croppingLeavesNothingSteps, s[0]));
        }
        // masks 1|4: take the batch and channel axes whole
        SDVariable y = ctx.sd().stridedSlice(ctx.input().variable(), new long[] { 0, c[0], 0 },
                new long[] { 0, c[0] + n, 0 },
                new long[] { 1, 1, 1 }, 5, 5, 0, 0, 0);
        return new OpOutput(y, new long[] { n, s[1] });
    }

    private static OpOutput upSampling1d(OpContext ctx) throws UnsupportedConfigException {
        long[] s = ctx.input().shape();
        if (s.length != 2) {
            throw new UnsupportedConfigException(Messages.expectsSequence);
        }
        int size = ctx.config().integer("size", 2);
        SameDiff sd = ctx.sd();
        SDVariable y = sd.cnn().upsampling2d(sd.expandDims(ctx.input().variable(), 1), 1, size, false);
        return new OpOutput(sd.squeeze(y, 1), new long[] { s[0] * size, s[1] });
    }

    /** Reads Keras's 1-D margins: {@code n} or {@code [before, after]}. */
    private static int[] margins1d(OpContext ctx, String key) throws UnsupportedConfigException {
        if (ctx.input().shape().length != 2) {
            throw new UnsupportedConfigException(Messages.expectsSequence);
        }
        Object v = ctx.config().raw(key);
        if (v instanceof Number n) {
            return new int[] { n.intValue(), n.intValue() };
        }
        List<Integer> l = ctx.config().intList(key);
        if (l.size() != 2 || l.contains(null)) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.unsupportedValue, key, v));
        }
        return new int[] { l.get(0), l.get(1) };
    }

    private static OpOutput zeroPadding(OpContext ctx) throws UnsupportedConfigException {
        int[][] p = margins(ctx, "padding");
        OpOutput in = ctx.input();
        long[] s = in.shape();
        SameDiff sd = ctx.sd();
        SDVariable paddings = sd.constant(Nd4j.createFromArray(new int[][] { { 0, 0 }, p[0], p[1], { 0, 0 } }));
        SDVariable y = sd.nn().pad(in.variable(), paddings, 0);
        return new OpOutput(y, new long[] { s[0] + p[0][0] + p[0][1], s[1] + p[1][0] + p[1][1], s[2] });
    }

    private static OpOutput cropping(OpContext ctx) throws UnsupportedConfigException {
        int[][] c = margins(ctx, "cropping");
        OpOutput in = ctx.input();
        long[] s = in.shape();
        long h = s[0] - c[0][0] - c[0][1];
        long w = s[1] - c[1][0] - c[1][1];
        if (h <= 0 || w <= 0) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.croppingLeavesNothing, s[0], s[1]));
        }
        // masks 1|8: take the batch and channel axes whole
        SDVariable y = ctx.sd().stridedSlice(in.variable(), new long[] { 0, c[0][0], c[1][0], 0 },
                new long[] { 0, c[0][0] + h, c[1][0] + w, 0 }, new long[] { 1, 1, 1, 1 }, 9, 9, 0, 0, 0);
        return new OpOutput(y, new long[] { h, w, s[2] });
    }

    private static OpOutput upSampling(OpContext ctx) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        c.requireChannelsLast();
        OpOutput in = ctx.input();
        long[] s = in.shape();
        int[] size = c.ints("size", 2, 2);
        long[] out = { s[0] * size[0], s[1] * size[1], s[2] };
        String interpolation = c.string("interpolation", "nearest");
        SameDiff sd = ctx.sd();
        SDVariable y = switch (interpolation) {
            case "nearest" -> sd.cnn().upsampling2d(in.variable(), size[0], size[1], false);
            case "bilinear" -> sd.image().resizeBiLinear(in.variable(), (int) out[0], (int) out[1], false, true);
            default -> throw new UnsupportedConfigException(MessageBundles.bind(Messages.interpolation, interpolation));
        };
        return new OpOutput(y, out);
    }

    /** Reads Keras's 2-D margins: {@code n}, {@code [h, w]} or {@code [[top, bottom], [left, right]]}. */
    private static int[][] margins(OpContext ctx, String key) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        c.requireChannelsLast();
        if (ctx.input().shape().length != 3) {
            throw new UnsupportedConfigException(Messages.expectsImage);
        }
        Object v = c.raw(key);
        if (v instanceof Number n) {
            return new int[][] { { n.intValue(), n.intValue() }, { n.intValue(), n.intValue() } };
        }
        if (v instanceof List<?> list && list.size() == 2) {
            int[][] out = new int[2][2];
            for (int i = 0; i < 2; i++) {
                Object e = list.get(i);
                if (e instanceof Number n) {
                    out[i][0] = n.intValue();
                    out[i][1] = n.intValue();
                } else if (e instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number a
                        && pair.get(1) instanceof Number b) {
                    out[i][0] = a.intValue();
                    out[i][1] = b.intValue();
                } else {
                    throw new UnsupportedConfigException(MessageBundles.bind(Messages.unsupportedValue, key, v));
                }
            }
            return out;
        }
        throw new UnsupportedConfigException(MessageBundles.bind(Messages.unsupportedValue, key, v));
    }
}
