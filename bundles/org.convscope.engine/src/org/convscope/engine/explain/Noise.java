package org.convscope.engine.explain;

import java.util.stream.IntStream;

/**
 * The seeded random numbers of SmoothGrad and the sanity check, defined so that any language can
 * draw the same ones (the TensorFlow fixtures do): SplitMix64 from the seed, a uniform double
 * {@code (next >>> 11)·2⁻⁵³}, and Gaussian pairs by Box–Muller,
 * {@code r = √(−2 ln(1 − u₁))}, {@code r·cos(2πu₂)} then {@code r·sin(2πu₂)}.
 */
final class Noise {

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;
    private double spare;
    private boolean hasSpare;

    Noise(long seed) {
        state = seed;
    }

    long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    private static long mix(long state) {
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return a uniform value in [0, 1) */
    double nextUniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** @return a standard normal value */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double r = Math.sqrt(-2 * Math.log(1 - nextUniform()));
        double t = 2 * Math.PI * nextUniform();
        spare = r * Math.sin(t);
        hasSpare = true;
        return r * Math.cos(t);
    }

    /** How many values {@link #fill} computes in one task. */
    private static final int CHUNK = 1 << 16;

    /**
     * Fills {@code out[i]} with {@code (float) (mean + std · g)}, g the Gaussian number
     * {@code first + i} of a new {@code Noise(seed)} (its {@link #nextGaussian} after as many
     * calls): the same values, computed on every core, since SplitMix64's k-th number is a
     * function of the seed and k alone.
     */
    static void fill(long seed, long first, double mean, double std, float[] out) {
        IntStream.range(0, (out.length + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(out.length, from + CHUNK);
            for (int i = from; i < to; i++) {
                long g = first + i;
                // the pair's two uniforms are SplitMix64's numbers 2p + 1 and 2p + 2
                long p = g >>> 1;
                double u1 = uniform(seed + (2 * p + 1) * GAMMA);
                double u2 = uniform(seed + (2 * p + 2) * GAMMA);
                double r = Math.sqrt(-2 * Math.log(1 - u1));
                double t = 2 * Math.PI * u2;
                out[i] = (float) (mean + std * ((g & 1) == 0 ? r * Math.cos(t) : r * Math.sin(t)));
            }
        });
    }

    private static double uniform(long state) {
        return (mix(state) >>> 11) * 0x1.0p-53;
    }
}
