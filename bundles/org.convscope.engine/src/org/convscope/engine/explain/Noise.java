package org.convscope.engine.explain;

/**
 * The seeded random numbers of SmoothGrad and the sanity check, defined so that any language can
 * draw the same ones (the TensorFlow fixtures do): SplitMix64 from the seed, a uniform double
 * {@code (next >>> 11)·2⁻⁵³}, and Gaussian pairs by Box–Muller,
 * {@code r = √(−2 ln(1 − u₁))}, {@code r·cos(2πu₂)} then {@code r·sin(2πu₂)}.
 */
final class Noise {

    private long state;
    private double spare;
    private boolean hasSpare;

    Noise(long seed) {
        state = seed;
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
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
}
