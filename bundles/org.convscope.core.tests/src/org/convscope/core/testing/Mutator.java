package org.convscope.core.testing;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mutates a file's bytes the way damage and hostile edits do: bits flipped, bytes overwritten,
 * lengths and counts replaced by boundary values (both byte orders, 16, 32 and 64 bits), runs
 * inserted, deleted or duplicated, the end cut off. Half the edits hit the first 2 KiB, where the
 * headers and directories of every format Convscope reads lie.
 *
 * <p>Each case has its own generator made from the run's seed and the case's number, so any one
 * case can be replayed alone and every machine mutates the same way.
 */
public final class Mutator {

    private static final long[] BOUNDARIES = { 0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x10000,
            0x7fffffffL, 0x80000000L, 0xffffffffL, 1L << 30, 50_000, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE };

    private static final int EDITS = 8;

    private Mutator() {
    }

    /** @return the generator of case {@code index} of the run with {@code seed} */
    public static SplittableRandom random(long seed, long index) {
        return new SplittableRandom(mix(seed) ^ mix(index + 0x9e3779b97f4a7c15L));
    }

    /** @return a mutated copy of {@code original}: one to four edits */
    public static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] b = original.clone();
        int operations = 1 + random.nextInt(4);
        for (int k = 0; k < operations && b.length > 0; k++) {
            int at = random.nextBoolean() ? random.nextInt(Math.min(b.length, 2048)) : random.nextInt(b.length);
            switch (random.nextInt(EDITS)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> boundary(b, at, random);
                case 3 -> b = insert(b, at, random);
                case 4 -> b = delete(b, at, random);
                case 5 -> b = duplicate(b, at, random);
                case 6 -> {
                    // a small increment or decrement, as when a length is off by a little
                    b[at] += (byte) (random.nextBoolean() ? 1 + random.nextInt(16) : -1 - random.nextInt(16));
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    /** Writes a boundary value of 2, 4 or 8 bytes at {@code at}, little- or big-endian. */
    private static void boundary(byte[] b, int at, SplittableRandom random) {
        long v = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
        int width = 2 << random.nextInt(3);
        boolean little = random.nextBoolean();
        for (int i = 0; i < width && at + i < b.length; i++) {
            int shift = 8 * (little ? i : width - 1 - i);
            b[at + i] = (byte) (v >>> shift);
        }
    }

    private static byte[] insert(byte[] b, int at, SplittableRandom random) {
        byte[] inserted = new byte[1 + random.nextInt(16)];
        random.nextBytes(inserted);
        byte[] n = new byte[b.length + inserted.length];
        System.arraycopy(b, 0, n, 0, at);
        System.arraycopy(inserted, 0, n, at, inserted.length);
        System.arraycopy(b, at, n, at + inserted.length, b.length - at);
        return n;
    }

    private static byte[] delete(byte[] b, int at, SplittableRandom random) {
        int length = Math.min(b.length - at, 1 + random.nextInt(16));
        byte[] n = new byte[b.length - length];
        System.arraycopy(b, 0, n, 0, at);
        System.arraycopy(b, at + length, n, at, b.length - at - length);
        return n;
    }

    /** Copies a run of the file over another place: a structure repeated where it does not belong. */
    private static byte[] duplicate(byte[] b, int at, SplittableRandom random) {
        int from = random.nextInt(b.length);
        int length = Math.min(Math.min(b.length - from, b.length - at), 1 + random.nextInt(64));
        System.arraycopy(b.clone(), from, b, at, length);
        return b;
    }

    /** A 64-bit finaliser (Stafford's variant 13), so that nearby seeds give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ z >>> 30) * 0xbf58476d1ce4e5b9L;
        z = (z ^ z >>> 27) * 0x94d049bb133111ebL;
        return z ^ z >>> 31;
    }
}
