package org.convscope.engine.internal;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.dnnl_a;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_clip_v2_use_dst_for_bwd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_relu_use_dst_for_bwd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_by_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;

import java.util.List;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradients of ReLU and ReLU6 from their outputs by oneDNN's element-wise backward primitive
 * ({@code relu_use_dst_for_bwd}: dy where y > 0; {@code clip_v2_use_dst_for_bwd} on [0, 6]: dy
 * where 0 < y < 6, TensorFlow's Relu6Grad), one vectorised pass over the arrays. libnd4j takes two
 * passes for ReLU and four for ReLU6 ({@link Rectifiers}); on MobileNetV2's batch-32 input gradient
 * those four passes were a third of the backward pass (RESULTS.md, session 14).
 * <p>
 * The arrays are handed to oneDNN as one dimension of their length, so one primitive serves every
 * shape of that size. Primitives are kept per kind and length, the least recently used dropped
 * beyond {@link #KEPT} ({@link DnnlPrimitives}); one lock and one stream serve every network (a pass is a few
 * milliseconds).
 */
final class DnnlRectifiers {

    /** How many primitives (kind and length) are kept. */
    static final int KEPT = 64;

    private static final DnnlPrimitives<Backward> MADE = new DnnlPrimitives<>(KEPT);

    private DnnlRectifiers() {
    }

    /**
     * {@code dx = dy} where the rectifier's output {@code y} lets the gradient through, else 0.
     *
     * @param six whether a ReLU6 (0 < y < 6), else a ReLU (y > 0)
     * @param dx  written; may be {@code dy}
     * @return false, having done nothing, when oneDNN is not {@linkplain Dnnl#available available}
     *         or an array is not a dense float array of the same length as the others
     */
    static boolean backward(boolean six, INDArray y, INDArray dy, INDArray dx) {
        if (!Dnnl.available() || !DnnlPrimitives.dense(y) || !DnnlPrimitives.dense(dy) || !DnnlPrimitives.dense(dx)
                || y.length() != dy.length()
                || y.length() != dx.length()) {
            return false;
        }
        MADE.run(List.of(six ? 6L : 0L, y.length()), k -> new Backward(six, y.length()),
                (b, stream) -> b.run(y, dy, dx, stream));
        return true;
    }

    /** @return how many primitives are kept */
    static int size() {
        return MADE.size();
    }

    /** One backward primitive with its memories, for one kind and length. */
    private static final class Backward implements AutoCloseable {

        private final dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        private final dnnl_primitive_desc forwardPd = new dnnl_primitive_desc();
        private final dnnl_primitive_desc pd = new dnnl_primitive_desc();
        private final dnnl_primitive primitive = new dnnl_primitive();
        private final dnnl_memory dst = new dnnl_memory();
        private final dnnl_memory diffDst = new dnnl_memory();
        private final dnnl_memory diffSrc = new dnnl_memory();
        private final dnnl_exec_arg_t args = new dnnl_exec_arg_t(3);

        Backward(boolean six, long length) {
            dnnl_engine engine = Dnnl.engine();
            int alg = six ? dnnl_eltwise_clip_v2_use_dst_for_bwd : dnnl_eltwise_relu_use_dst_for_bwd;
            float beta = six ? 6f : 0f;
            boolean ok = false;
            try (dnnl_eltwise_desc_t forward = new dnnl_eltwise_desc_t();
                    dnnl_eltwise_desc_t backward = new dnnl_eltwise_desc_t()) {
                Dnnl.check(dnnl_memory_desc_init_by_tag(md, 1, new long[] { length }, dnnl_f32, dnnl_a), "layout");
                // oneDNN makes a backward primitive from its forward one's descriptor (the hint)
                Dnnl.check(dnnl_eltwise_forward_desc_init(forward, dnnl_forward_training, alg, md, 0f, beta),
                        "rectifier descriptor");
                Dnnl.check(dnnl_primitive_desc_create(forwardPd, new const_dnnl_op_desc_t(forward), null, engine,
                        null), "rectifier primitive descriptor");
                Dnnl.check(dnnl_eltwise_backward_desc_init(backward, alg, md, md, 0f, beta),
                        "rectifier gradient descriptor");
                Dnnl.check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(backward), null, engine,
                        forwardPd), "rectifier gradient primitive descriptor");
                Dnnl.check(dnnl_primitive_create(primitive, pd), "rectifier gradient");
                for (dnnl_memory m : new dnnl_memory[] { dst, diffDst, diffSrc }) {
                    Dnnl.check(dnnl_memory_create(m, md, engine, null), "rectifier memory");
                }
                args.position(0).arg(DNNL_ARG_DST).memory(dst);
                args.position(1).arg(DNNL_ARG_DIFF_DST).memory(diffDst);
                args.position(2).arg(DNNL_ARG_DIFF_SRC).memory(diffSrc);
                args.position(0);
                ok = true;
            } finally {
                if (!ok) {
                    close();
                }
            }
        }

        void run(INDArray y, INDArray dy, INDArray dx, dnnl_stream stream) {
            try (Dnnl.Address a = Dnnl.Address.of(y);
                    Dnnl.Address g = Dnnl.Address.of(dy);
                    Dnnl.Address d = Dnnl.Address.of(dx)) {
                Dnnl.check(dnnl_memory_set_data_handle(dst, a), "rectifier output");
                Dnnl.check(dnnl_memory_set_data_handle(diffDst, g), "output gradient");
                Dnnl.check(dnnl_memory_set_data_handle(diffSrc, d), "input gradient");
                Dnnl.check(dnnl_primitive_execute(primitive, stream, 3, args), "rectifier gradient");
                Dnnl.check(dnnl_stream_wait(stream), "rectifier gradient");
            }
        }

        @Override
        public void close() {
            for (dnnl_memory m : new dnnl_memory[] { dst, diffDst, diffSrc }) {
                if (!m.isNull()) {
                    dnnl_memory_destroy(m);
                }
                m.close();
            }
            if (!primitive.isNull()) {
                dnnl_primitive_destroy(primitive);
            }
            for (dnnl_primitive_desc p : new dnnl_primitive_desc[] { pd, forwardPd }) {
                if (!p.isNull()) {
                    dnnl_primitive_desc_destroy(p);
                }
                p.close();
            }
            primitive.close();
            args.close();
            md.close();
        }
    }
}
