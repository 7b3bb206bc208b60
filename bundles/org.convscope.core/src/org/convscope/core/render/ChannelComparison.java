package org.convscope.core.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.convscope.core.tensor.Tensor;

/**
 * Compares one layer's output for two inputs: the difference A − B as a tensor to draw, and the
 * channels ranked by how differently they respond, for the compare editor.
 */
public final class ChannelComparison {

    /**
     * How differently one channel responds to two inputs.
     *
     * @param channel         the channel index
     * @param meanAbsDiff     mean of |A − B| over the channel's pixels
     * @param relative        {@code meanAbsDiff} divided by the channel's standard deviation pooled
     *                        over both inputs (0 when both are constant and equal), so channels of
     *                        different ranges compare
     * @param meanDifference  mean of A − B: positive when the channel fires more for A
     */
    public record ChannelDifference(int channel, double meanAbsDiff, double relative, double meanDifference) {
    }

    private ChannelComparison() {
    }

    /**
     * @return A − B for batch items {@code batchA} of {@code a} and {@code batchB} of {@code b},
     *         shaped as one batch item (batch axis 1)
     * @throws IllegalArgumentException when the items' shapes differ
     */
    public static Tensor difference(Tensor a, int batchA, Tensor b, int batchB) {
        ChannelData da = ChannelData.of(a, batchA);
        ChannelData db = ChannelData.of(b, batchB);
        requireSameShape(a, b);
        int n = da.itemSize();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = da.data[da.offset + i] - db.data[db.offset + i];
        }
        int[] shape = a.shape();
        shape[0] = 1;
        return new Tensor(out, shape);
    }

    /**
     * @return every channel, the most differently responding first (by {@code relative}, then by
     *         channel index); non-finite values count as 0
     */
    public static List<ChannelDifference> rank(Tensor a, int batchA, Tensor b, int batchB) {
        ChannelData da = ChannelData.of(a, batchA);
        ChannelData db = ChannelData.of(b, batchB);
        requireSameShape(a, b);
        int channels = da.channels;
        int pixels = da.pixels();
        double[] abs = new double[channels];
        double[] signed = new double[channels];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                int i = p * channels + c;
                double d = finite(da.data[da.offset + i]) - finite(db.data[db.offset + i]);
                abs[c] += Math.abs(d);
                signed[c] += d;
            }
        }
        ChannelAccumulator both = new ChannelAccumulator(channels);
        both.add(da.data, da.offset, pixels);
        both.add(db.data, db.offset, pixels);
        List<ChannelDifference> out = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            double mad = pixels == 0 ? 0 : abs[c] / pixels;
            double std = both.std(c);
            out.add(new ChannelDifference(c, mad, std > 0 ? mad / std : 0, pixels == 0 ? 0 : signed[c] / pixels));
        }
        out.sort(Comparator.comparingDouble(ChannelDifference::relative).reversed()
                .thenComparingInt(ChannelDifference::channel));
        return out;
    }

    private static float finite(float v) {
        return v - v == 0f ? v : 0f;
    }

    private static void requireSameShape(Tensor a, Tensor b) {
        int[] sa = a.shape();
        int[] sb = b.shape();
        sa[0] = 0;
        sb[0] = 0;
        if (!Arrays.equals(sa, sb)) {
            throw new IllegalArgumentException("cannot compare " + a + " with " + b + ": items differ in shape");
        }
    }
}
