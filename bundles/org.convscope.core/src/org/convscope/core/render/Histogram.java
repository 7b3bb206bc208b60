package org.convscope.core.render;

import java.util.Arrays;

/**
 * Counts of values in equal-width bins between a minimum and a maximum, for the histogram of a
 * weight: one pass, memory of the bins only, so a 100-million-value kernel costs no copy.
 *
 * @param min       the lower edge of the first bin
 * @param max       the upper edge of the last bin (included in it)
 * @param counts    values per bin
 * @param nonFinite NaN and infinite values, counted in no bin
 */
public record Histogram(double min, double max, long[] counts, long nonFinite) {

    public Histogram {
        counts = counts.clone();
    }

    /**
     * @param data the values
     * @param bins how many bins, at least 1
     * @return the histogram over the finite values' range (one bin holds them all when they are equal)
     */
    public static Histogram of(float[] data, int bins) {
        double[] range = finiteRange(data);
        return of(data, bins, range[0], range[1]);
    }

    /** @return the least and the greatest finite value, (+inf, -inf) when there is none */
    static double[] finiteRange(float[] data) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : data) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] { lo, hi };
    }

    /**
     * @param data the values
     * @param bins how many bins, at least 1
     * @param min  the smallest finite value
     * @param max  the largest finite value
     * @return the histogram
     */
    public static Histogram of(float[] data, int bins, double min, double max) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins " + bins);
        }
        long[] counts = new long[bins];
        long bad = 0;
        double scale = max > min ? bins / (max - min) : 0;
        for (float v : data) {
            if (!Float.isFinite(v)) {
                bad++;
                continue;
            }
            int b = (int) ((v - min) * scale);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return new Histogram(min, max, counts, bad);
    }

    /** @return a copy of the counts */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** @return the number of finite values counted */
    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** @return the largest count of a bin */
    public long peak() {
        return Arrays.stream(counts).max().orElse(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Double.compare(min, h.min) == 0 && Double.compare(max, h.max) == 0
                && Arrays.equals(counts, h.counts) && nonFinite == h.nonFinite;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(min) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[" + min + ".." + max + ", " + counts.length + " bins, " + total() + " values]";
    }
}
