package org.convscope.core.render;

import java.util.List;

import org.convscope.core.tensor.Tensor;

/**
 * Per-channel means and standard deviations pooled over several inputs, so that the same channel
 * is drawn on one scale in every image of a comparison: identical values give identical pixels
 * whichever input they come from. Build it once from every tensor shown side by side and pass it
 * with {@link GridOptions#withShared(SharedScale)}.
 */
public final class SharedScale {

    private final double[] mean;
    private final double[] std;

    private SharedScale(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * @param tensors outputs of one layer for several inputs, same channel count; every batch item
     *                of every tensor counts
     * @return the pooled scale
     * @throws IllegalArgumentException when the list is empty or the channel counts differ
     */
    public static SharedScale across(List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("a shared scale needs at least one tensor");
        }
        ChannelAccumulator acc = null;
        for (Tensor t : tensors) {
            ChannelData d = ChannelData.layout(t);
            if (acc == null) {
                acc = new ChannelAccumulator(d.channels);
            } else if (acc.channels() != d.channels) {
                throw new IllegalArgumentException("cannot share a scale between " + acc.channels() + " and "
                        + d.channels + " channels (" + t + ")");
            }
            acc.add(d.data, 0, d.pixels() * d.batch);
        }
        double[] m = new double[acc.channels()];
        double[] s = new double[acc.channels()];
        for (int c = 0; c < m.length; c++) {
            m[c] = acc.mean(c);
            s[c] = acc.std(c);
        }
        return new SharedScale(m, s);
    }

    /** @return the channel count */
    public int channels() {
        return mean.length;
    }

    /** @return the pooled mean of channel {@code c} */
    public double mean(int c) {
        return mean[c];
    }

    /** @return the pooled standard deviation of channel {@code c} */
    public double std(int c) {
        return std[c];
    }
}
