package org.convscope.engine.explain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Deletion AUC, insertion AUC and the confidence change of keeping the top 25 %, as
 * {@link TrustMetrics} defines them. All perturbed images of one map go to the model as one batch
 * (the scorer splits it).
 */
final class TrustMeasures {

    /** Deletion and insertion steps. */
    static final int STEPS = 20;
    /** The share of the pixels the confidence change keeps. */
    static final double KEEP = 0.25;

    private TrustMeasures() {
    }

    /**
     * @param image  one input, (h, w, c) row-major
     * @param map    the map at the input's resolution, h·w values
     * @param scorer y_c of batches of inputs
     */
    static TrustMetrics compute(float[] image, int h, int w, int c, float[] map, int target, Scorer scorer) {
        int pixels = h * w;
        int[] order = order(map);
        int size = pixels * c;
        int count = 2 * (STEPS + 1) + 2;
        float[] batch = new float[count * size];
        for (int k = 0; k <= STEPS; k++) {
            int n = (int) ((long) k * pixels / STEPS);
            int deletion = k * size;
            int insertion = (STEPS + 1 + k) * size;
            System.arraycopy(image, 0, batch, deletion, size);
            for (int i = 0; i < n; i++) {
                int p = order[i];
                for (int ch = 0; ch < c; ch++) {
                    batch[deletion + p * c + ch] = 0;
                    batch[insertion + p * c + ch] = image[p * c + ch];
                }
            }
        }
        int kept = 2 * (STEPS + 1) * size;
        int keep = (int) Math.floor(pixels * KEEP);
        for (int i = 0; i < keep; i++) {
            int p = order[i];
            System.arraycopy(image, p * c, batch, kept + p * c, c);
        }
        System.arraycopy(image, 0, batch, kept + size, size);
        float[] y = scorer.scores(batch, count, target);
        float score = y[count - 1];
        return new TrustMetrics(score, auc(Arrays.copyOfRange(y, 0, STEPS + 1)),
                auc(Arrays.copyOfRange(y, STEPS + 1, 2 * (STEPS + 1))), y[count - 2] - score);
    }

    /** @return the pixel indices by descending map value, ties in index order */
    static int[] order(float[] map) {
        return IntStream.range(0, map.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -map[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** @return the trapezoid-rule area under {@code y} over its steps, divided by the number of steps */
    static float auc(float[] y) {
        double s = 0;
        for (int k = 0; k + 1 < y.length; k++) {
            s += (y[k] + y[k + 1]) / 2.0;
        }
        return (float) (s / (y.length - 1));
    }
}
