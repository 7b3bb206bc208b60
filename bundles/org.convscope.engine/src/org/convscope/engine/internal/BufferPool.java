package org.convscope.engine.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float arrays kept from one call to the next, by shape. A gradient step asks for the same
 * shapes every time; taking them from here instead of from the allocator saves the kernel's
 * page faults on every fresh block (large blocks are mapped and unmapped by malloc each time),
 * which cost as much as the arithmetic on a batch of images. An array is either in use (taken and
 * not yet given back) or free; giving back an array that is not in use does nothing, so a caller
 * may give back what it is unsure it still holds.
 */
final class BufferPool implements AutoCloseable {

    private final Map<List<Long>, Deque<INDArray>> free = new HashMap<>();
    private final Set<INDArray> all = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<INDArray> inUse = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @return a float array of this shape, c order, contents undefined */
    INDArray take(long... shape) {
        Deque<INDArray> d = free.get(key(shape));
        INDArray a = d == null ? null : d.poll();
        if (a == null) {
            a = Nd4j.createUninitialized(DataType.FLOAT, shape);
            all.add(a);
        }
        inUse.add(a);
        return a;
    }

    /** @return whether {@code a} came from {@link #take} */
    boolean owns(INDArray a) {
        return all.contains(a);
    }

    /** Returns {@code a} for a later {@link #take} of its shape, when it is in use. */
    void give(INDArray a) {
        if (inUse.remove(a)) {
            free.computeIfAbsent(key(a.shape()), k -> new ArrayDeque<>()).push(a);
        }
    }

    /** @return the bytes this pool holds, in use or free */
    long bytes() {
        return all.stream().mapToLong(a -> a.length() * Float.BYTES).sum();
    }

    /** Frees free arrays until the pool holds at most {@code maxBytes}. */
    void trim(long maxBytes) {
        long held = bytes();
        for (Deque<INDArray> d : free.values()) {
            while (held > maxBytes && !d.isEmpty()) {
                INDArray a = d.pop();
                held -= a.length() * Float.BYTES;
                all.remove(a);
                NdArrays.release(a);
            }
        }
    }

    private static List<Long> key(long[] shape) {
        return Arrays.stream(shape).boxed().toList();
    }

    /** Frees every array, in use or not. */
    @Override
    public void close() {
        all.forEach(NdArrays::release);
        all.clear();
        inUse.clear();
        free.clear();
    }
}
