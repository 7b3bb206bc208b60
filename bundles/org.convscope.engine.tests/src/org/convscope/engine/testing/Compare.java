package org.convscope.engine.testing;

import java.util.Arrays;

import org.convscope.core.tensor.Tensor;

/** The fidelity bound of the engine issue: max|Δ| ≤ 1e-3 · max(1, max|ref|). */
public final class Compare {

    private Compare() {
    }

    /** @return max|actual − expected|; fails on a shape mismatch */
    public static double maxAbsDiff(Tensor actual, Tensor expected) {
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            throw new AssertionError("shape " + Arrays.toString(actual.shape()) + ", expected "
                    + Arrays.toString(expected.shape()));
        }
        double max = 0;
        float[] a = actual.data();
        float[] e = expected.data();
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - e[i]);
            if (!(d <= max)) {
                max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return max;
    }

    /**
     * @return max|actual − expected| / max|expected|: the measure of the gradient bound, 1e-4
     *         (issue 14); infinite for an all-zero reference that {@code actual} does not match
     */
    public static double relativeDiff(Tensor actual, Tensor expected) {
        double diff = maxAbsDiff(actual, expected);
        double max = 0;
        for (float v : expected.data()) {
            max = Math.max(max, Math.abs(v));
        }
        return diff == 0 ? 0 : max == 0 ? Double.POSITIVE_INFINITY : diff / max;
    }

    /** @return the allowed max|Δ| against {@code expected} */
    public static double bound(Tensor expected) {
        double max = 0;
        for (float v : expected.data()) {
            max = Math.max(max, Math.abs(v));
        }
        return 1e-3 * Math.max(1, max);
    }
}
