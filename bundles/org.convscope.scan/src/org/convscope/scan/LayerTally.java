package org.convscope.scan;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.convscope.core.keras.ReceptiveField;

/**
 * What a scan keeps of one layer, as sums that merge: per channel the number of values, their sum
 * and sum of squares (doubles), the maximum, the number of exact zeros and the top-K examples;
 * per predicted class the sum over images of each channel's mean and the number of images.
 * <p>
 * One arithmetic for every way a scan runs: the images of a batch are added one at a time, in the
 * set's order, into a tally of that batch alone ({@link #add}); the scan's tally is the batches'
 * tallies merged in the set's order ({@link #merge}), whether the batches ran here, in a resumed
 * run or on Spark executors. Counts, maxima, zeros, images per class and the top examples are
 * exact and merge in any order ({@link #splitExact}); the floating sums are added batch after
 * batch in the set's order, so every way gives the same bits.
 */
final class LayerTally implements Serializable {

    private static final long serialVersionUID = 1L;

    final String layer;
    final int height;
    final int width;
    final int channels;
    /** The receptive field of the layer's positions, or null for the whole input; not shipped. */
    final transient ReceptiveField field;
    /** K of the top examples. */
    final int k;
    final long[] count;
    final double[] sum;
    final double[] sumSquares;
    final double[] max;
    final long[] zeros;
    final TopExamples[] top;
    /** class → per channel the sum over its images of the channel's mean. */
    final Map<Integer, double[]> classSums = new TreeMap<>();
    /** class → its images. */
    final Map<Integer, long[]> classImages = new TreeMap<>();
    /** Channels whose top examples changed since {@link #clean()}. */
    final BitSet topChanged = new BitSet();
    /** Classes whose sums changed since {@link #clean()}. */
    final TreeSet<Integer> classesChanged = new TreeSet<>();

    LayerTally(String layer, int height, int width, int channels, ReceptiveField field, int k) {
        this.layer = layer;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.field = field;
        this.k = k;
        count = new long[channels];
        sum = new double[channels];
        sumSquares = new double[channels];
        max = new double[channels];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        zeros = new long[channels];
        top = new TopExamples[channels];
        for (int c = 0; c < channels; c++) {
            top[c] = new TopExamples(k);
        }
    }

    /**
     * Adds one image's output.
     *
     * @param data        the batch's output, (N, H, W, C) or (N, C) in C order
     * @param item        which item of the batch
     * @param image       the image's name
     * @param predicted   its predicted class, -1 when the model is no classifier
     * @param inputHeight the model input's height, for the crops
     * @param inputWidth  its width
     */
    void add(float[] data, int item, String image, int predicted, int inputHeight, int inputWidth) {
        int positions = height * width;
        int base = item * positions * channels;
        float[] imageMax = new float[channels];
        Arrays.fill(imageMax, Float.NEGATIVE_INFINITY);
        int[] at = new int[channels];
        double[] imageSum = new double[channels];
        for (int p = 0; p < positions; p++) {
            int off = base + p * channels;
            for (int c = 0; c < channels; c++) {
                float v = data[off + c];
                double d = v;
                imageSum[c] += d;
                sumSquares[c] += d * d;
                if (v == 0) {
                    zeros[c]++;
                }
                if (v > imageMax[c]) {
                    imageMax[c] = v;
                    at[c] = p;
                }
            }
        }
        double[] perClass = predicted < 0 ? null : classSums.computeIfAbsent(predicted, k -> new double[channels]);
        if (predicted >= 0) {
            classImages.computeIfAbsent(predicted, k -> new long[1])[0]++;
            classesChanged.add(predicted);
        }
        for (int c = 0; c < channels; c++) {
            count[c] += positions;
            sum[c] += imageSum[c];
            max[c] = Math.max(max[c], imageMax[c]);
            if (perClass != null) {
                perClass[c] += imageSum[c] / positions;
            }
            if (top[c].wouldKeep(imageMax[c], image)) {
                int y = at[c] / width;
                int x = at[c] % width;
                int[] crop = field == null
                        ? new int[] { 0, 0, inputHeight, inputWidth }
                        : field.crop(y, x, inputHeight, inputWidth);
                if (top[c].offer(new Example(image, imageMax[c], y, x, crop))) {
                    topChanged.set(c);
                }
            }
        }
    }

    /**
     * @param withField the receptive field (a tally that travelled has none)
     * @return an empty tally of the same layer, size and K
     */
    LayerTally emptyLike(ReceptiveField withField) {
        return new LayerTally(layer, height, width, channels, withField, k);
    }

    /**
     * Adds {@code other}'s values to this tally's, as if its images were added after this one's.
     * The sums are added as they stand: merge the tallies of batches in the set's order.
     */
    void merge(LayerTally other) {
        for (int c = 0; c < channels; c++) {
            count[c] += other.count[c];
            sum[c] += other.sum[c];
            sumSquares[c] += other.sumSquares[c];
            max[c] = Math.max(max[c], other.max[c]);
            zeros[c] += other.zeros[c];
            if (top[c].merge(other.top[c])) {
                topChanged.set(c);
            }
        }
        other.classSums.forEach((cls, sums) -> {
            double[] mine = classSums.computeIfAbsent(cls, x -> new double[channels]);
            for (int c = 0; c < channels; c++) {
                mine[c] += sums[c];
            }
            classesChanged.add(cls);
        });
        other.classImages.forEach((cls, n) -> {
            classImages.computeIfAbsent(cls, x -> new long[1])[0] += n[0];
            classesChanged.add(cls);
        });
    }

    /**
     * Moves out what merges exactly in any order (counts, maxima, zeros, top examples, images per
     * class), leaving the floating sums: a Spark partition merges the former over its batches and
     * ships the latter per batch, for the driver to add in the set's order.
     *
     * @return a tally with the exact part, and no sums
     */
    LayerTally splitExact() {
        LayerTally exact = emptyLike(field);
        System.arraycopy(count, 0, exact.count, 0, channels);
        System.arraycopy(max, 0, exact.max, 0, channels);
        System.arraycopy(zeros, 0, exact.zeros, 0, channels);
        Arrays.fill(count, 0);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        Arrays.fill(zeros, 0);
        for (int c = 0; c < channels; c++) {
            exact.top[c] = top[c];
            top[c] = new TopExamples(k);
        }
        exact.classImages.putAll(classImages);
        classImages.clear();
        return exact;
    }

    /** Forgets which channels and classes changed: the store has them. */
    void clean() {
        topChanged.clear();
        classesChanged.clear();
    }

    /** @return channel {@code c} as a report shows it */
    ChannelSummary summary(int c) {
        double n = count[c];
        double mean = n == 0 ? 0 : sum[c] / n;
        double variance = n == 0 ? 0 : Math.max(0, sumSquares[c] / n - mean * mean);
        return new ChannelSummary(c, top[c].examples(), count[c], mean, Math.sqrt(variance), max[c],
                n == 0 ? 0 : zeros[c] / n, count[c] > 0 && zeros[c] == count[c]);
    }
}
