package org.convscope.engine.ops;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.nd4j.autodiff.samediff.SDVariable;

/** GlobalAverage/GlobalMaxPooling in 1, 2 and 3 dimensions: a reduction over the spatial axes. */
final class GlobalPooling {

    private GlobalPooling() {
    }

    static void register(OpRegistry r) {
        r.register(ctx -> global(ctx, false), "GlobalAveragePooling1D", "GlobalAveragePooling2D",
                "GlobalAveragePooling3D", "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalAvgPool3D");
        r.register(ctx -> global(ctx, true), "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D",
                "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPool3D");
    }

    private static OpOutput global(OpContext ctx, boolean max) throws UnsupportedConfigException {
        OpConfig c = ctx.config();
        c.requireChannelsLast();
        OpOutput in = ctx.input();
        long[] s = in.shape();
        boolean keep = c.bool("keepdims", false);
        // spatial axes of the batched tensor: 1 .. rank-2 (the last is channels)
        int[] axes = IntStream.range(1, s.length).toArray();
        SDVariable y = max ? ctx.sd().max(in.variable(), keep, axes) : ctx.sd().mean(in.variable(), keep, axes);
        long[] out;
        if (keep) {
            out = new long[s.length];
            Arrays.fill(out, 1);
            out[s.length - 1] = s[s.length - 1];
        } else {
            out = new long[] { s[s.length - 1] };
        }
        return new OpOutput(y, out);
    }
}
