package org.convscope.engine.internal;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.dnnl_ab;
import static org.bytedeco.dnnl.global.dnnl.dnnl_abc;
import static org.bytedeco.dnnl.global.dnnl.dnnl_abcd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_abcde;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_by_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_submemory;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_reorder_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A concatenation's gradient cut into its parts along the last axis by oneDNN's reorder from a
 * sub-memory of it: one vectorised, threaded copy per part. Copying the parts out in Java (or by
 * libnd4j's strided {@code dup}) took 1.2–1.5 ms per concatenation of InceptionV3's mixed blocks
 * at batch 4, three of them in every pass of a filter pattern's ascent.
 * <p>
 * Primitives are kept per shape, offset and width, the least recently used dropped beyond
 * {@link #KEPT}; one lock and one stream serve every network ({@link DnnlPrimitives}).
 */
final class DnnlSlices {

    /** How many primitives (shape, offset and width) are kept. */
    static final int KEPT = 64;

    private static final int[] PLAIN = { 0, 0, dnnl_ab, dnnl_abc, dnnl_abcd, dnnl_abcde };

    private static final DnnlPrimitives<Slice> MADE = new DnnlPrimitives<>(KEPT);

    private DnnlSlices() {
    }

    /**
     * {@code part} = {@code whole}'s values at positions {@code offset} to {@code offset + w} of
     * its last axis, w being {@code part}'s last dimension; the other dimensions are the same.
     *
     * @return false, having done nothing, when oneDNN is not {@linkplain Dnnl#available available},
     *         the rank is not 2 to 5, or an array is not a dense float array
     */
    static boolean copy(INDArray whole, long offset, INDArray part) {
        int rank = whole.rank();
        if (!Dnnl.available() || rank < 2 || rank >= PLAIN.length || part.rank() != rank || !DnnlPrimitives.dense(whole)
                || !DnnlPrimitives.dense(part)) {
            return false;
        }
        long[] dims = whole.shape();
        List<Long> key = new ArrayList<>(rank + 2);
        for (long d : dims) {
            key.add(d);
        }
        key.add(offset);
        key.add(part.size(rank - 1));
        long width = part.size(rank - 1);
        MADE.run(key, k -> new Slice(dims, offset, width), (s, stream) -> s.run(whole, part, stream));
        return true;
    }

    /** @return how many primitives are kept */
    static int size() {
        return MADE.size();
    }

    /** One reorder from a window of the last axis to a dense array, with its memories. */
    private static final class Slice implements AutoCloseable {

        private final dnnl_memory_desc_t wholeMd = new dnnl_memory_desc_t();
        private final dnnl_memory_desc_t windowMd = new dnnl_memory_desc_t();
        private final dnnl_memory_desc_t partMd = new dnnl_memory_desc_t();
        private final dnnl_primitive_desc pd = new dnnl_primitive_desc();
        private final dnnl_primitive primitive = new dnnl_primitive();
        private final dnnl_memory from = new dnnl_memory();
        private final dnnl_memory to = new dnnl_memory();
        private final dnnl_exec_arg_t args = new dnnl_exec_arg_t(2);

        Slice(long[] dims, long offset, long width) {
            int rank = dims.length;
            long[] partDims = dims.clone();
            partDims[rank - 1] = width;
            long[] offsets = new long[rank];
            offsets[rank - 1] = offset;
            boolean ok = false;
            try {
                Dnnl.check(dnnl_memory_desc_init_by_tag(wholeMd, rank, dims, dnnl_f32, PLAIN[rank]), "layout");
                Dnnl.check(dnnl_memory_desc_init_submemory(windowMd, wholeMd, partDims, offsets), "window");
                Dnnl.check(dnnl_memory_desc_init_by_tag(partMd, rank, partDims, dnnl_f32, PLAIN[rank]), "layout");
                Dnnl.check(dnnl_reorder_primitive_desc_create(pd, windowMd, Dnnl.engine(), partMd, Dnnl.engine(),
                        null), "slice");
                Dnnl.check(dnnl_primitive_create(primitive, pd), "slice");
                Dnnl.check(dnnl_memory_create(from, windowMd, Dnnl.engine(), null), "slice memory");
                Dnnl.check(dnnl_memory_create(to, partMd, Dnnl.engine(), null), "slice memory");
                args.position(0).arg(DNNL_ARG_FROM).memory(from);
                args.position(1).arg(DNNL_ARG_TO).memory(to);
                args.position(0);
                ok = true;
            } finally {
                if (!ok) {
                    close();
                }
            }
        }

        void run(INDArray whole, INDArray part, dnnl_stream stream) {
            // a sub-memory's handle is its parent's: the window's offset is in its descriptor
            try (Dnnl.Address w = Dnnl.Address.of(whole); Dnnl.Address p = Dnnl.Address.of(part)) {
                Dnnl.check(dnnl_memory_set_data_handle(from, w), "concatenation gradient");
                Dnnl.check(dnnl_memory_set_data_handle(to, p), "part's gradient");
                Dnnl.check(dnnl_primitive_execute(primitive, stream, 2, args), "slice");
                Dnnl.check(dnnl_stream_wait(stream), "slice");
            }
        }

        @Override
        public void close() {
            for (dnnl_memory m : new dnnl_memory[] { from, to }) {
                if (!m.isNull()) {
                    dnnl_memory_destroy(m);
                }
                m.close();
            }
            if (!primitive.isNull()) {
                dnnl_primitive_destroy(primitive);
            }
            if (!pd.isNull()) {
                dnnl_primitive_desc_destroy(pd);
            }
            pd.close();
            primitive.close();
            args.close();
            wholeMd.close();
            windowMd.close();
            partMd.close();
        }
    }
}
