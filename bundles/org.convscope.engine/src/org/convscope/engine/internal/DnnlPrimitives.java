package org.convscope.engine.internal;

import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.bytedeco.dnnl.dnnl_stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN primitives of one kind kept by key (their shapes and parameters) with the stream they run
 * on, for the element-wise helpers of the backward pass ({@link DnnlRectifiers},
 * {@link DnnlPooling}, {@link DnnlSlices}): made on first use, the least recently used closed
 * beyond a number. One lock serves each kind; a call holds it for a few milliseconds.
 *
 * @param <P> a primitive with the memories it runs on
 */
final class DnnlPrimitives<P extends AutoCloseable> {

    /** How a primitive runs, under the lock, on the kind's stream. */
    @FunctionalInterface
    interface Run<P> {

        void run(P primitive, dnnl_stream stream);
    }

    private final Map<List<Long>, P> made;
    private dnnl_stream stream;

    /** @param kept how many primitives are kept */
    DnnlPrimitives(int kept) {
        made = new LinkedHashMap<>(16, 0.75f, true) {

            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Long>, P> eldest) {
                if (size() > kept) {
                    try {
                        eldest.getValue().close();
                    } catch (Exception e) {
                        throw new IllegalStateException("oneDNN: closing a primitive failed", e);
                    }
                    return true;
                }
                return false;
            }
        };
    }

    /** Runs the primitive of {@code key}, made by {@code make} when none is kept. */
    synchronized void run(List<Long> key, Function<List<Long>, P> make, Run<P> run) {
        P p = made.get(key);
        if (p == null) {
            if (stream == null) {
                dnnl_stream s = new dnnl_stream();
                Dnnl.check(dnnl_stream_create(s, Dnnl.engine(), dnnl_stream_default_flags), "stream");
                stream = s;
            }
            p = make.apply(key);
            made.put(key, p);
        }
        run.run(p, stream);
    }

    /** @return how many primitives are kept */
    synchronized int size() {
        return made.size();
    }

    /**
     * @return whether oneDNN can take {@code a} as it is: a float array in C order whose values lie
     *         one after the other from its offset
     */
    static boolean dense(INDArray a) {
        return a != null && a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.elementWiseStride() == 1
                && a.length() <= a.data().length() - a.offset();
    }
}
