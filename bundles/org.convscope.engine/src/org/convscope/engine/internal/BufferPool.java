package org.convscope.engine.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float arrays kept from one call to the next. A gradient step asks for the same shapes every
 * time; taking them from here instead of from the allocator saves the kernel's page faults on
 * every fresh block (large blocks are mapped and unmapped by malloc each time), which cost as much
 * as the arithmetic on a batch of images.
 * <p>
 * A pool made {@linkplain #BufferPool(boolean) by pass}, for a caller that runs the same pass
 * again and again, takes its arrays from memory shared across shapes, so that memory freed by one
 * shape serves the next request of any shape (an activation whose last reader has run holds the
 * gradient of another layer):
 * <ul>
 * <li>in the first pass, each array is a block of its own, or the start of the smallest free block
 * that holds it; free blocks too small for a request are freed before it takes a new one;</li>
 * <li>at the end of a pass that used blocks ({@link #endPass}) they make way for one arena, sized
 * by the most the pass had in use at once, whose arrays are ranges and whose free ranges join their
 * free neighbours: the pool then holds about the most bytes a pass has in use at once rather than
 * those of every shape. What does not fit the arena goes to blocks, and the arena grows by them at
 * the end of that pass.</li>
 * </ul>
 * Otherwise arrays are kept by shape: a request takes a free array of its shape or a new one.
 * <p>
 * An array is either in use (taken and not yet given back) or free; giving back an array that is
 * not in use does nothing, so a caller may give back what it is unsure it still holds.
 */
final class BufferPool implements AutoCloseable {

    /** Ranges of the arena start at multiples of this many floats (64 bytes, a cache line). */
    private static final long ALIGN = 16;

    /** A block of native floats outside the arena and the arrays of the shapes it has served. */
    private static final class Block {

        final INDArray whole;
        final Map<List<Long>, INDArray> byShape = new HashMap<>();
        /** The array the block is in use as, or {@code null} when it is free. */
        INDArray taken;

        Block(INDArray whole) {
            this.whole = whole;
        }

        long length() {
            return whole.length();
        }
    }

    /** A range of the arena in use: where it starts and how many floats it covers. */
    private record Range(long start, long length) {
    }

    /** Where an arena array lies and its shape, for the arrays kept from pass to pass. */
    private record Place(long start, List<Long> shape) {
    }

    private INDArray arena;
    /** Free ranges of the arena: start → length; neighbours are always joined. */
    private final TreeMap<Long, Long> arenaFree = new TreeMap<>();
    /** Arena arrays in use → their range. */
    private final Map<INDArray, Range> arenaTaken = new IdentityHashMap<>();
    /** Every arena array handed out since the arena was made, by place, to hand out again. */
    private final Map<Place, INDArray> arenaArrays = new HashMap<>();
    private final Set<INDArray> arenaOwned = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Free blocks by length. */
    private final TreeMap<Long, Deque<Block>> free = new TreeMap<>();
    /** Every block array handed out so far → its block. */
    private final Map<INDArray, Block> blocks = new IdentityHashMap<>();
    private final List<Block> all = new ArrayList<>();
    private long inUseBytes;
    private long peakInUseBytes;
    /** The bytes the arrays in use need (their lengths, aligned), and the most at once since the arena was made. */
    private long neededBytes;
    private long peakNeededBytes;
    /** The most bytes in blocks at once since the last {@link #startPass}. */
    private long blockBytes;
    private long peakBlockBytes;
    /** Whether the pool serves passes ({@link #endPass}): its blocks then only bridge to the next arena. */
    private final boolean byPass;

    /** A pool of arrays by shape (see {@link #take}), for callers whose calls differ. */
    BufferPool() {
        this(false);
    }

    /**
     * @param byPass whether the caller runs the same pass again and again and says when one ends
     *               ({@link #endPass}): then arrays share memory across shapes, in an arena from
     *               the end of the first pass on
     */
    BufferPool(boolean byPass) {
        this.byPass = byPass;
    }

    /** @return a float array of this shape, c order, dense, contents undefined */
    INDArray take(long... shape) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        INDArray a = arena == null ? null : fromArena(shape, length);
        if (a == null) {
            a = fromBlock(shape, length);
        }
        neededBytes += aligned(length) * Float.BYTES;
        peakNeededBytes = Math.max(peakNeededBytes, neededBytes);
        peakInUseBytes = Math.max(peakInUseBytes, inUseBytes);
        return a;
    }

    /** @return an array of the smallest free arena range that holds it, or {@code null} when none does */
    private INDArray fromArena(long[] shape, long length) {
        long need = aligned(length);
        Map.Entry<Long, Long> best = null;
        for (Map.Entry<Long, Long> e : arenaFree.entrySet()) {
            if (e.getValue() >= need && (best == null || e.getValue() < best.getValue())) {
                best = e;
            }
        }
        if (best == null) {
            return null;
        }
        long start = best.getKey();
        long rest = best.getValue() - need;
        arenaFree.remove(start);
        if (rest > 0) {
            arenaFree.put(start + need, rest);
        }
        INDArray a = arenaArrays.computeIfAbsent(new Place(start, key(shape)), p -> over(arena, start, shape, length));
        arenaOwned.add(a);
        arenaTaken.put(a, new Range(start, need));
        inUseBytes += need * Float.BYTES;
        return a;
    }

    private INDArray fromBlock(long[] shape, long length) {
        Map.Entry<Long, Deque<Block>> fit = byPass ? free.ceilingEntry(length) : sameShape(shape, length);
        Block b;
        if (fit == null && byPass) {
            // free blocks too small for this array, of a pass whose next run has an arena: freed
            // now, they leave room for this one instead of adding to the pass's peak
            freeBlocksShorterThan(length);
        }
        if (fit == null) {
            b = new Block(Nd4j.createUninitialized(DataType.FLOAT, shape));
            b.byShape.put(key(shape), b.whole);
            blocks.put(b.whole, b);
            all.add(b);
        } else {
            b = byPass
                    ? fit.getValue().peek()
                    : fit.getValue().stream()
                            .filter(x -> Arrays.equals(x.whole.shape(), shape)).findFirst().orElseThrow();
            fit.getValue().remove(b);
            if (fit.getValue().isEmpty()) {
                free.remove(fit.getKey());
            }
        }
        b.taken = b.byShape.computeIfAbsent(key(shape), k -> over(b.whole, 0, shape, length));
        blocks.putIfAbsent(b.taken, b);
        inUseBytes += b.length() * Float.BYTES;
        blockBytes += b.length() * Float.BYTES;
        peakBlockBytes = Math.max(peakBlockBytes, blockBytes);
        return b.taken;
    }

    /** @return the free blocks of this length when one of them has this shape, else {@code null} */
    private Map.Entry<Long, Deque<Block>> sameShape(long[] shape, long length) {
        Deque<Block> d = free.get(length);
        return d != null && d.stream().anyMatch(b -> Arrays.equals(b.whole.shape(), shape))
                ? Map.entry(length, d)
                : null;
    }

    /**
     * @return a dense c-order array of this shape over {@code length} floats of {@code memory}'s
     *         from {@code start} on (a buffer of its own over that memory, which it does not free)
     */
    private static INDArray over(INDArray memory, long start, long[] shape, long length) {
        if (start == 0 && Arrays.equals(shape, memory.shape())) {
            return memory;
        }
        FloatPointer p = memory.data().pointer().getPointer(FloatPointer.class, start)
                .capacity(length).limit(length);
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= shape[i];
        }
        return Nd4j.create(Nd4j.createBuffer(p, DataType.FLOAT, length, FloatIndexer.create(p)), shape, stride, 0,
                'c');
    }

    /** @return whether {@code a} came from {@link #take} */
    boolean owns(INDArray a) {
        return blocks.containsKey(a) || arenaOwned.contains(a);
    }

    /** Returns {@code a} for a later {@link #take} of any shape it holds, when it is in use. */
    void give(INDArray a) {
        Range r = arenaTaken.remove(a);
        if (r != null) {
            inUseBytes -= r.length() * Float.BYTES;
            neededBytes -= r.length() * Float.BYTES;
            long start = r.start();
            long length = r.length();
            Map.Entry<Long, Long> before = arenaFree.lowerEntry(start);
            if (before != null && before.getKey() + before.getValue() == start) {
                start = before.getKey();
                length += before.getValue();
                arenaFree.remove(before.getKey());
            }
            Long after = arenaFree.remove(r.start() + r.length());
            if (after != null) {
                length += after;
            }
            arenaFree.put(start, length);
            return;
        }
        Block b = blocks.get(a);
        if (b != null && b.taken == a) {
            b.taken = null;
            neededBytes -= aligned(a.length()) * Float.BYTES;
            inUseBytes -= b.length() * Float.BYTES;
            blockBytes -= b.length() * Float.BYTES;
            free.computeIfAbsent(b.length(), k -> new ArrayDeque<>()).push(b);
        }
    }

    /**
     * Notes the end of a pass, for a pool {@linkplain #BufferPool(boolean) by pass}. When the pass
     * needed blocks beside the arena, and nothing is in use any more, the blocks are freed and the
     * arena made again, large enough for what the pass had in use at once and for what it put in
     * blocks (its pages are touched, and so count, only as the next pass uses them).
     */
    void endPass() {
        if (byPass && peakBlockBytes > 0 && inUseBytes == 0) {
            // a little more than the most in use at once, for the gaps between ranges (ResNet50's
            // batch-32 gradient fits from its second pass on); every page of the arena that a pass
            // touches stays resident, so an eighth more cost ~100 MB of peak there
            long bytes = peakNeededBytes + Math.max(peakNeededBytes / 32, 1L << 20);
            if (arena != null) {
                bytes = Math.max(bytes, arena.length() * Float.BYTES + peakBlockBytes);
            }
            long floats = bytes / Float.BYTES;
            close();
            arena = Nd4j.createUninitialized(DataType.FLOAT, floats);
            arenaFree.put(0L, floats);
        }
        peakBlockBytes = blockBytes;
    }

    /** @return the bytes this pool holds, in use or free */
    long bytes() {
        return (arena == null ? 0 : arena.length() * Float.BYTES)
                + all.stream().mapToLong(b -> b.length() * Float.BYTES).sum();
    }

    /** @return the bytes of the arrays taken and not given back */
    long inUseBytes() {
        return inUseBytes;
    }

    /** @return the most bytes in use at once since this pool was made, closed or its arena made */
    long peakInUseBytes() {
        return peakInUseBytes;
    }

    private void freeBlocksShorterThan(long length) {
        for (Deque<Block> d : free.headMap(length).values()) {
            for (Block b : d) {
                all.remove(b);
                blocks.values().removeIf(x -> x == b);
                NdArrays.release(b.whole);
            }
        }
        free.headMap(length).clear();
    }

    /** Frees free blocks, the largest first, until the pool holds at most {@code maxBytes}. */
    void trim(long maxBytes) {
        long held = bytes();
        while (held > maxBytes && !free.isEmpty()) {
            Map.Entry<Long, Deque<Block>> largest = free.lastEntry();
            Block b = largest.getValue().pop();
            if (largest.getValue().isEmpty()) {
                free.remove(largest.getKey());
            }
            held -= b.length() * Float.BYTES;
            all.remove(b);
            blocks.values().removeIf(x -> x == b);
            NdArrays.release(b.whole);
        }
    }

    private static long aligned(long length) {
        return (length + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static List<Long> key(long[] shape) {
        return Arrays.stream(shape).boxed().toList();
    }

    /** Frees the arena and every block, in use or not. */
    @Override
    public void close() {
        all.forEach(b -> NdArrays.release(b.whole));
        all.clear();
        blocks.clear();
        free.clear();
        NdArrays.release(arena);
        arena = null;
        arenaFree.clear();
        arenaTaken.clear();
        arenaArrays.clear();
        arenaOwned.clear();
        inUseBytes = 0;
        peakInUseBytes = 0;
        neededBytes = 0;
        peakNeededBytes = 0;
        blockBytes = 0;
        peakBlockBytes = 0;
    }
}
