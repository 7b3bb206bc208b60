package org.convscope.core.render;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Per-channel count, mean, variance, extremes and zeros over interleaved channels-last values.
 * Sums are taken of {@code x − k}, with {@code k} the channel's first finite value, so that a
 * constant channel has a variance of exactly 0 and a large mean does not swamp a small spread.
 * Non-finite values (and finite ones too large to square) are counted but kept out of the other
 * figures, so a NaN in an activation cannot turn a whole tile into NaN.
 *
 * <p>Large inputs are split by pixel range over the common fork-join pool: the grids of a whole
 * network must render in well under 100 ms.
 */
final class ChannelAccumulator {

    /** Values per parallel part; below this, splitting costs more than it saves. */
    static final int PART_VALUES = 1 << 17;
    /**
     * Parts per core: more parts than cores let the fork-join pool rebalance when another program
     * takes a core away for a while, as happens on shared machines.
     */
    private static final int PARTS_PER_CORE = 4;

    private final int channels;
    private final long[] count;
    private final long[] values;
    private final long[] zeros;
    private final double[] shift;
    private final boolean[] shifted;
    private final double[] sum;
    private final double[] sumSq;
    private final float[] min;
    private final float[] max;

    ChannelAccumulator(int channels) {
        this.channels = channels;
        count = new long[channels];
        values = new long[channels];
        zeros = new long[channels];
        shift = new double[channels];
        shifted = new boolean[channels];
        sum = new double[channels];
        sumSq = new double[channels];
        min = new float[channels];
        max = new float[channels];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
    }

    /** @return how many parallel parts to split {@code values} values into */
    static int parts(long values) {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores == 1 ? 1 : (int) Math.max(1, Math.min((long) cores * PARTS_PER_CORE, values / PART_VALUES));
    }

    /** Adds {@code pixels × channels} values starting at {@code offset}. */
    void add(float[] data, int offset, int pixels) {
        if (channels == 0 || pixels == 0) {
            return;
        }
        for (int c = 0; c < channels; c++) {
            for (int p = 0; !shifted[c] && p < pixels; p++) {
                float v = data[offset + p * channels + c];
                if (v - v == 0f) {
                    shift[c] = v;
                    shifted[c] = true;
                }
            }
        }
        float[] k = new float[channels];
        for (int c = 0; c < channels; c++) {
            k[c] = (float) shift[c];
        }
        int parts = parts((long) pixels * channels);
        if (parts == 1) {
            accumulate(data, offset, 0, pixels, k);
            return;
        }
        ChannelAccumulator[] partial = new ChannelAccumulator[parts];
        IntStream.range(0, parts).parallel().forEach(i -> {
            ChannelAccumulator a = new ChannelAccumulator(channels);
            a.accumulate(data, offset, (int) ((long) pixels * i / parts), (int) ((long) pixels * (i + 1) / parts), k);
            partial[i] = a;
        });
        for (ChannelAccumulator a : partial) {
            for (int c = 0; c < channels; c++) {
                count[c] += a.count[c];
                values[c] += a.values[c];
                zeros[c] += a.zeros[c];
                sum[c] += a.sum[c];
                sumSq[c] += a.sumSq[c];
                min[c] = Math.min(min[c], a.min[c]);
                max[c] = Math.max(max[c], a.max[c]);
            }
        }
    }

    /**
     * Adds pixels {@code [from, to)}, shifted by {@code k}. Float partial sums over short runs of
     * pixels keep the loops cheap, and each run is folded into the double totals before float
     * precision suffers. The loops are branch-free (ReLU zeros fall at random, and a
     * data-dependent branch made this several times slower); zeros are counted from the bits.
     */
    private void accumulate(float[] data, int offset, int from, int to, float[] k) {
        int run = 256;
        float[] s = new float[channels];
        float[] q = new float[channels];
        float[] mn = new float[channels];
        float[] mx = new float[channels];
        int[] nonZero = new int[channels];
        for (int p0 = from; p0 < to; p0 += run) {
            int p1 = Math.min(to, p0 + run);
            Arrays.fill(s, 0f);
            Arrays.fill(q, 0f);
            Arrays.fill(nonZero, 0);
            System.arraycopy(min, 0, mn, 0, channels);
            System.arraycopy(max, 0, mx, 0, channels);
            for (int p = p0; p < p1; p++) {
                int base = offset + p * channels;
                for (int c = 0; c < channels; c++) {
                    float v = data[base + c];
                    float d = v - k[c];
                    s[c] += d;
                    q[c] += d * d;
                    mn[c] = v < mn[c] ? v : mn[c];
                    mx[c] = v > mx[c] ? v : mx[c];
                }
                for (int c = 0; c < channels; c++) {
                    // the sign bit shifted out, any remaining bit means "not ±0"
                    int bits = Float.floatToRawIntBits(data[base + c]) << 1;
                    nonZero[c] += (bits | -bits) >>> 31;
                }
            }
            boolean finite = true;
            for (int c = 0; c < channels; c++) {
                finite &= q[c] - q[c] == 0f;
            }
            if (finite) {
                int n = p1 - p0;
                for (int c = 0; c < channels; c++) {
                    sum[c] += s[c];
                    sumSq[c] += q[c];
                    zeros[c] += n - nonZero[c];
                    min[c] = mn[c];
                    max[c] = mx[c];
                    count[c] += n;
                    values[c] += n;
                }
            } else {
                addCarefully(data, offset + p0 * channels, p1 - p0, k);
            }
        }
    }

    /** The slow path for a run holding NaN, infinity or a square that overflows. */
    private void addCarefully(float[] data, int offset, int pixels, float[] k) {
        int i = offset;
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++, i++) {
                float v = data[i];
                values[c]++;
                double d = (double) v - k[c];
                if (v - v != 0f || Math.abs(d) > 1e18) {
                    continue;
                }
                count[c]++;
                sum[c] += d;
                sumSq[c] += d * d;
                min[c] = Math.min(min[c], v);
                max[c] = Math.max(max[c], v);
                if (v == 0f) {
                    zeros[c]++;
                }
            }
        }
    }

    int channels() {
        return channels;
    }

    /** @return finite values seen in channel {@code c} */
    long count(int c) {
        return count[c];
    }

    double mean(int c) {
        return count[c] == 0 ? 0 : shift[c] + sum[c] / count[c];
    }

    /** @return the sum of squared deviations from the mean */
    double m2(int c) {
        return count[c] == 0 ? 0 : Math.max(0, sumSq[c] - sum[c] * sum[c] / count[c]);
    }

    /** @return the population standard deviation (numpy's default, {@code ddof=0}) */
    double std(int c) {
        return count[c] == 0 ? 0 : Math.sqrt(m2(c) / count[c]);
    }

    /** @return the statistics of channel {@code c} */
    ChannelStats stats(int c) {
        long n = count[c];
        boolean dead = values[c] > 0 && zeros[c] == values[c];
        boolean constant = !dead && (n == 0 || min[c] == max[c]);
        return new ChannelStats(mean(c), std(c), n == 0 ? 0 : min[c], n == 0 ? 0 : max[c],
                values[c] == 0 ? 0 : (double) zeros[c] / values[c], values[c] - n, dead, constant);
    }

    /**
     * @return {mean, std} of every finite value in every channel, combining the channels' moments
     *         (Chan et al.) rather than re-reading the data
     */
    double[] pooled() {
        long n = 0;
        double m = 0;
        for (int c = 0; c < channels; c++) {
            n += count[c];
            m += mean(c) * count[c];
        }
        if (n == 0) {
            return new double[] { 0, 0 };
        }
        m /= n;
        double m2 = 0;
        for (int c = 0; c < channels; c++) {
            double d = mean(c) - m;
            m2 += m2(c) + count[c] * d * d;
        }
        return new double[] { m, Math.sqrt(m2 / n) };
    }
}
