package org.convscope.engine.internal;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_by_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nhwc;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_avg_exclude_padding;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_avg_include_padding;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_max;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_workspace_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;

import java.util.Arrays;
import java.util.List;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input gradients of 2-D max and average pooling by oneDNN's pooling primitives, on the
 * channels-last arrays as they are. libnd4j's {@code maxpool2d_bp} and {@code avgpool2d_bp} hand
 * oneDNN layouts of "any" kind, so every call reorders the input, the output gradient and the input
 * gradient to and from blocked layouts, and the max pooling's reruns its forward pass into buffers
 * allocated per call: on InceptionV3's filter patterns a max pooling's gradient took 4.1 ms against
 * 0.54 ms for the pooling itself (issues 14 and 16).
 * <p>
 * oneDNN's max pooling gradient routes through the workspace a training forward pass leaves (where
 * each window's maximum lies, the first in the window's order on ties), so that forward runs on
 * the input before each gradient; its output goes to a scratch array the caller lends, its
 * workspace is kept with the primitive. Primitives are kept per kind, parameters and shape, the
 * least recently used dropped beyond {@link #KEPT}; one lock and one stream serve every network
 * ({@link DnnlPrimitives}).
 */
final class DnnlPooling {

    /** How many primitives (kind, parameters and shape) are kept. */
    static final int KEPT = 16;

    private static final DnnlPrimitives<Gradient> MADE = new DnnlPrimitives<>(KEPT);

    private DnnlPooling() {
    }

    /**
     * The input gradient of a pooling given libnd4j's integer arguments of the forward op
     * ({@code maxpool2d} / {@code avgpool2d}): kH, kW, sH, sW, pH, pW, dH, dW, same mode, the
     * average's divisor (0 excludes the padding, 1 includes it), NHWC.
     *
     * @param max     whether a max pooling, else an average
     * @param x       the pooling's input (N, H, W, C)
     * @param dy      its output's gradient (N, H', W', C)
     * @param dx      written with the input's gradient, of {@code x}'s shape
     * @param scratch of {@code dy}'s shape, overwritten with the pooling's output (max only; may be
     *                {@code null} for an average)
     * @return false, having done nothing, when oneDNN is not {@linkplain Dnnl#available available},
     *         an array is not a dense channels-last float array of the shape the arguments imply,
     *         or the pooling is dilated, channels-first or of another divisor
     */
    static boolean backward(boolean max, long[] args, INDArray x, INDArray dy, INDArray dx, INDArray scratch) {
        if (!Dnnl.available() || args.length < 11 || args[6] != 1 || args[7] != 1 || args[10] != 1
                || !max && args[9] != 0 && args[9] != 1 || !dense(x) || !dense(dy) || !dense(dx)
                || max && !dense(scratch) || !Arrays.equals(x.shape(), dx.shape())) {
            return false;
        }
        long[] in = x.shape();
        long[] window = { args[0], args[1] };
        long[] stride = { args[2], args[3] };
        long[][] pad = new long[2][];
        long[] out = { in[0], 0, 0, in[3] };
        for (int axis = 0; axis < 2; axis++) {
            long n = in[1 + axis];
            long k = window[axis];
            long s = stride[axis];
            if (k < 1 || s < 1) {
                return false;
            }
            long o;
            long before;
            if (args[8] != 0) {
                // TensorFlow's "same": the smaller half of the padding before
                o = (n + s - 1) / s;
                before = Math.max((o - 1) * s + k - n, 0) / 2;
            } else {
                before = args[4 + axis];
                o = (n - k + 2 * before) / s + 1;
            }
            // windows that end before the last rows or columns leave those out: no padding after
            long after = Math.max((o - 1) * s + k - n - before, 0);
            if (o < 1 || before >= k || after >= k) {
                return false;
            }
            out[1 + axis] = o;
            pad[axis] = new long[] { before, after };
        }
        if (!Arrays.equals(dy.shape(), out) || max && !Arrays.equals(scratch.shape(), out)) {
            return false;
        }
        int alg = max
                ? dnnl_pooling_max
                : args[9] == 0 ? dnnl_pooling_avg_exclude_padding : dnnl_pooling_avg_include_padding;
        List<Long> key = List.of((long) alg, in[0], in[1], in[2], in[3], window[0], window[1], stride[0], stride[1],
                pad[0][0], pad[0][1], pad[1][0], pad[1][1]);
        MADE.run(key, k -> new Gradient(alg, in, out, window, stride, new long[] { pad[0][0], pad[1][0] },
                new long[] { pad[0][1], pad[1][1] }), (g, stream) -> g.run(x, dy, dx, scratch, stream));
        return true;
    }

    /** @return how many primitives are kept */
    static int size() {
        return MADE.size();
    }

    private static boolean dense(INDArray a) {
        return DnnlPrimitives.dense(a) && a.rank() == 4;
    }

    /** @return oneDNN's logical (N, C, H, W) order of an (N, H, W, C) shape */
    private static long[] nchw(long[] nhwc) {
        return new long[] { nhwc[0], nhwc[3], nhwc[1], nhwc[2] };
    }

    /** One pooling's gradient primitive, and for a max pooling its training forward and workspace. */
    private static final class Gradient implements AutoCloseable {

        private final boolean max;
        private final dnnl_memory_desc_t srcMd = new dnnl_memory_desc_t();
        private final dnnl_memory_desc_t dstMd = new dnnl_memory_desc_t();
        private final dnnl_primitive_desc forwardPd = new dnnl_primitive_desc();
        private final dnnl_primitive_desc pd = new dnnl_primitive_desc();
        private final dnnl_primitive forward = new dnnl_primitive();
        private final dnnl_primitive primitive = new dnnl_primitive();
        private final dnnl_memory src = new dnnl_memory();
        private final dnnl_memory dst = new dnnl_memory();
        private final dnnl_memory workspace = new dnnl_memory();
        private final dnnl_exec_arg_t forwardArgs = new dnnl_exec_arg_t(3);
        private final dnnl_exec_arg_t args = new dnnl_exec_arg_t(3);

        Gradient(int alg, long[] in, long[] out, long[] window, long[] stride, long[] before, long[] after) {
            this.max = alg == dnnl_pooling_max;
            dnnl_engine engine = Dnnl.engine();
            boolean ok = false;
            try (dnnl_pooling_desc_t forwardDesc = new dnnl_pooling_desc_t();
                    dnnl_pooling_desc_t backwardDesc = new dnnl_pooling_desc_t()) {
                Dnnl.check(dnnl_memory_desc_init_by_tag(srcMd, 4, nchw(in), dnnl_f32, dnnl_nhwc),
                        "pooling input layout");
                Dnnl.check(dnnl_memory_desc_init_by_tag(dstMd, 4, nchw(out), dnnl_f32, dnnl_nhwc),
                        "pooling output layout");
                Dnnl.check(dnnl_pooling_forward_desc_init(forwardDesc, dnnl_forward_training, alg, srcMd, dstMd,
                        stride, window, before, after), "pooling descriptor");
                Dnnl.check(dnnl_primitive_desc_create(forwardPd, new const_dnnl_op_desc_t(forwardDesc), null, engine,
                        null), "pooling primitive descriptor");
                // the gradient's primitive is made from its forward one's descriptor (the hint)
                Dnnl.check(dnnl_pooling_backward_desc_init(backwardDesc, alg, srcMd, dstMd, stride, window, before,
                        after), "pooling gradient descriptor");
                Dnnl.check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(backwardDesc), null, engine,
                        forwardPd), "pooling gradient primitive descriptor");
                Dnnl.check(dnnl_primitive_create(primitive, pd), "pooling gradient");
                // src serves as the input and as its gradient, dst as the output and as its gradient
                Dnnl.check(dnnl_memory_create(src, srcMd, engine, null), "pooling input memory");
                Dnnl.check(dnnl_memory_create(dst, dstMd, engine, null), "pooling output memory");
                args.position(0).arg(DNNL_ARG_DIFF_DST).memory(dst);
                args.position(1).arg(DNNL_ARG_DIFF_SRC).memory(src);
                if (max) {
                    Dnnl.check(dnnl_primitive_create(forward, forwardPd), "max pooling");
                    Dnnl.check(dnnl_memory_create(workspace,
                            dnnl_primitive_desc_query_md(forwardPd, dnnl_query_workspace_md, 0), engine,
                            Dnnl.Address.ALLOCATE), "max pooling workspace");
                    forwardArgs.position(0).arg(DNNL_ARG_SRC).memory(src);
                    forwardArgs.position(1).arg(DNNL_ARG_DST).memory(dst);
                    forwardArgs.position(2).arg(DNNL_ARG_WORKSPACE).memory(workspace);
                    forwardArgs.position(0);
                    args.position(2).arg(DNNL_ARG_WORKSPACE).memory(workspace);
                }
                args.position(0);
                ok = true;
            } finally {
                if (!ok) {
                    close();
                }
            }
        }

        void run(INDArray x, INDArray dy, INDArray dx, INDArray scratch, dnnl_stream stream) {
            if (max) {
                try (Dnnl.Address a = Dnnl.Address.of(x); Dnnl.Address y = Dnnl.Address.of(scratch)) {
                    Dnnl.check(dnnl_memory_set_data_handle(src, a), "pooling input");
                    Dnnl.check(dnnl_memory_set_data_handle(dst, y), "pooling output");
                    Dnnl.check(dnnl_primitive_execute(forward, stream, 3, forwardArgs), "max pooling");
                    Dnnl.check(dnnl_stream_wait(stream), "max pooling");
                }
            }
            try (Dnnl.Address g = Dnnl.Address.of(dy); Dnnl.Address d = Dnnl.Address.of(dx)) {
                Dnnl.check(dnnl_memory_set_data_handle(dst, g), "pooling output gradient");
                Dnnl.check(dnnl_memory_set_data_handle(src, d), "pooling input gradient");
                Dnnl.check(dnnl_primitive_execute(primitive, stream, max ? 3 : 2, args), "pooling gradient");
                Dnnl.check(dnnl_stream_wait(stream), "pooling gradient");
            }
        }

        @Override
        public void close() {
            for (dnnl_memory m : new dnnl_memory[] { src, dst, workspace }) {
                if (!m.isNull()) {
                    dnnl_memory_destroy(m);
                }
                m.close();
            }
            for (dnnl_primitive p : new dnnl_primitive[] { primitive, forward }) {
                if (!p.isNull()) {
                    dnnl_primitive_destroy(p);
                }
                p.close();
            }
            for (dnnl_primitive_desc p : new dnnl_primitive_desc[] { pd, forwardPd }) {
                if (!p.isNull()) {
                    dnnl_primitive_desc_destroy(p);
                }
                p.close();
            }
            forwardArgs.close();
            args.close();
            srcMd.close();
            dstMd.close();
        }
    }
}
