package org.convscope.core.io.internal;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.text.MessageBundles;

/** Checks sizes a file declares before anything of that size is allocated. */
public final class Sizes {

    private Sizes() {
    }

    /**
     * @param what  names the weight in messages
     * @param shape the declared dimensions
     * @param limit the most elements allowed
     * @return the element count
     */
    public static long elements(Path file, String what, int[] shape, long limit) throws ModelFormatException {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ModelFormatException(file,
                        MessageBundles.bind(Messages.absurdShapeNegative, Arrays.toString(shape), what));
            }
            n = multiply(n, d);
        }
        if (n > limit) {
            throw new ModelFormatException(file,
                    MessageBundles.bind(Messages.absurdShapeTooLarge, Arrays.toString(shape), what, n, limit));
        }
        return n;
    }

    /** @return {@code a * b}, or {@link Long#MAX_VALUE} when that overflows */
    public static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /**
     * Refuses a load that cannot fit in the Java heap, so the user learns to raise {@code -Xmx}
     * instead of meeting an OutOfMemoryError.
     */
    public static void checkHeap(Path file, String what, long elements) throws ModelFormatException {
        if (elements > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(file,
                    MessageBundles.bind(Messages.tooManyElements, what, elements));
        }
        checkHeapBytes(file, what, multiply(elements, Float.BYTES));
    }

    /** Refuses to allocate {@code bytes} when the Java heap could not hold them. */
    public static void checkHeapBytes(Path file, String what, long bytes) throws ModelFormatException {
        Runtime rt = Runtime.getRuntime();
        if (bytes > rt.maxMemory()) {
            throw new ModelFormatException(file,
                    MessageBundles.bind(Messages.exceedsHeap, what, bytes >> 20, rt.maxMemory() >> 20));
        }
    }

    /** @return numeric array values as float32, or null if {@code data} is not a numeric array */
    public static float[] toFloats(Object data) {
        if (data instanceof float[] f) {
            return f;
        }
        float[] out;
        if (data instanceof double[] d) {
            out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
        } else if (data instanceof int[] a) {
            out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
        } else if (data instanceof long[] a) {
            out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
        } else if (data instanceof short[] a) {
            out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
        } else if (data instanceof byte[] a) {
            out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
        } else if (data instanceof BigInteger[] a) {
            // jhdf reads uint64 as BigInteger
            out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i].floatValue();
            }
        } else {
            return null;
        }
        return out;
    }
}
