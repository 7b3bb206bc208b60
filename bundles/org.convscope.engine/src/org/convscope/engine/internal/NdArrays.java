package org.convscope.engine.internal;

import java.nio.ByteOrder;

import org.convscope.core.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between plain tensors and ND4J arrays; results always leave as fresh Java arrays. */
public final class NdArrays {

    private NdArrays() {
    }

    /**
     * @return a native copy of {@code t} (C order, float32), made by one bulk copy: Nd4j.create
     *         from a Java array goes through a JavaCPP pointer first, twice the copying (~2× slower
     *         for VGG16's weights)
     */
    public static INDArray toNd(Tensor t) {
        return put(t, Nd4j.createUninitialized(DataType.FLOAT, shape(t), 'c'));
    }

    /** @return {@link #toNd(Tensor)}, into an array taken from {@code pool} (given back by the caller) */
    static INDArray toNd(Tensor t, BufferPool pool) {
        return put(t, pool.take(shape(t)));
    }

    private static long[] shape(Tensor t) {
        long[] shape = new long[t.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.dim(i);
        }
        return shape;
    }

    /** {@code t}'s values into {@code a}, a dense float32 C-order array of its shape; @return {@code a} */
    private static INDArray put(Tensor t, INDArray a) {
        if (t.data().length > 0) {
            a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(t.data());
        }
        return a;
    }

    /** @return a Java copy of {@code a} as float32 in C order */
    public static Tensor toTensor(INDArray a) {
        INDArray c = a;
        if (c.dataType() != DataType.FLOAT) {
            c = c.castTo(DataType.FLOAT);
        }
        if (c.isView() || c.ordering() != 'c' || c.data().length() != c.length()) {
            c = c.dup('c');
        }
        long[] s = c.shape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        float[] data = new float[Math.toIntExact(c.length())];
        if (data.length > 0) {
            // one bulk copy; DataBuffer.asFloat() goes element by element
            c.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().get(data);
        }
        if (c != a) {
            c.close();
        }
        return new Tensor(data, shape);
    }

    /** Frees {@code a}'s native buffer now rather than at the next garbage collection, when safe. */
    public static void release(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }

    /** Writes {@code t}'s values into {@code a}, an array of its shape, in place. */
    static void copyInto(Tensor t, INDArray a) {
        if (!a.isView() && a.ordering() == 'c' && a.dataType() == DataType.FLOAT && a.data().length() == a.length()) {
            put(t, a);
        } else {
            try (INDArray v = toNd(t)) {
                a.assign(v);
            }
        }
    }

    /** @return whether {@code a} and {@code b} (views or not) lie in overlapping native memory */
    static boolean sharesMemory(INDArray a, INDArray b) {
        if (a.data() == b.data()) {
            return true;
        }
        long aFrom = a.data().address();
        long aTo = aFrom + a.data().length() * a.data().getElementSize();
        long bFrom = b.data().address();
        long bTo = bFrom + b.data().length() * b.data().getElementSize();
        return aFrom != 0 && bFrom != 0 && aFrom < bTo && bFrom < aTo;
    }
}
