package org.convscope.engine.explain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Spearman's rank correlation: Pearson's correlation of the ranks, ties given their mean rank. */
public final class Spearman {

    private Spearman() {
    }

    /**
     * @return ρ of two equally long samples, in [−1, 1]; NaN when either is constant (no ranking)
     *         or shorter than 2
     */
    public static double correlation(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("samples of " + a.length + " and " + b.length + " values");
        }
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        int n = a.length;
        double mean = (n + 1) / 2.0;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = ra[i] - mean;
            double db = rb[i] - mean;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** @return 1-based ranks, ties sharing the mean of the ranks they span */
    static double[] ranks(float[] v) {
        Integer[] idx = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                r[idx[t]] = rank;
            }
            i = j + 1;
        }
        return r;
    }
}
