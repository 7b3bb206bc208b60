package org.convscope.ui.properties;

import org.convscope.core.tensor.Tensor;

/**
 * The summary of one weight the Properties view shows.
 *
 * @param min      smallest value
 * @param max      largest value
 * @param mean     mean
 * @param std      population standard deviation
 * @param sparsity share of values exactly zero, 0..1
 * @param nonFinite count of NaN and infinite values, left out of the other figures
 */
public record WeightStats(double min, double max, double mean, double std, double sparsity, long nonFinite) {

    /** @param t the values @return their statistics (two passes, in double, so large tensors stay exact) */
    public static WeightStats of(Tensor t) {
        float[] d = t.data();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long zeros = 0;
        long n = 0;
        long bad = 0;
        for (float v : d) {
            if (!Float.isFinite(v)) {
                bad++;
                continue;
            }
            n++;
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v == 0f) {
                zeros++;
            }
        }
        if (n == 0) {
            return new WeightStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, bad);
        }
        double mean = sum / n;
        double sq = 0;
        for (float v : d) {
            if (Float.isFinite(v)) {
                double e = v - mean;
                sq += e * e;
            }
        }
        return new WeightStats(min, max, mean, Math.sqrt(sq / n), (double) zeros / n, bad);
    }
}
