package org.convscope.core.render;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.tensor.Tensor;

/**
 * The figures of one layer output for one batch item, per channel and for the layer as a whole:
 * what the activations table, the graph's node badges and the command line print, without
 * drawing anything.
 */
public final class ActivationStats {

    private final List<ChannelStats> channels;
    private final double mean;
    private final double std;
    private final double min;
    private final double max;

    private ActivationStats(List<ChannelStats> channels, double mean, double std, double min, double max) {
        this.channels = List.copyOf(channels);
        this.mean = mean;
        this.std = std;
        this.min = min;
        this.max = max;
    }

    /**
     * @param activation a layer output: (N, H, W, C), (N, steps, C) or (N, units)
     * @param batchIndex the batch item
     * @return its statistics; Dense units are never counted dead or constant (one value each)
     */
    public static ActivationStats of(Tensor activation, int batchIndex) {
        ChannelData d = ChannelData.of(activation, batchIndex);
        ChannelAccumulator acc = new ChannelAccumulator(d.channels);
        acc.add(d.data, d.offset, d.pixels());
        return of(acc, d.kind == ChannelData.Kind.DENSE);
    }

    static ActivationStats of(ChannelAccumulator acc, boolean dense) {
        List<ChannelStats> list = new ArrayList<>(acc.channels());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < acc.channels(); c++) {
            ChannelStats s = acc.stats(c);
            if (acc.count(c) > 0) {
                min = Math.min(min, s.min());
                max = Math.max(max, s.max());
            }
            if (dense) {
                // a single Dense unit is always "constant": only the layer as a whole has a spread
                s = new ChannelStats(s.mean(), s.std(), s.min(), s.max(), s.zeroShare(), s.nonFinite(), false, false);
            }
            list.add(s);
        }
        double[] pooled = acc.pooled();
        return min > max
                ? new ActivationStats(list, pooled[0], pooled[1], 0, 0)
                : new ActivationStats(list, pooled[0], pooled[1], min, max);
    }

    /** @return one entry per channel (per unit for Dense outputs) */
    public List<ChannelStats> channels() {
        return channels;
    }

    /** @return the mean of every finite value */
    public double mean() {
        return mean;
    }

    /** @return the population standard deviation of every finite value */
    public double std() {
        return std;
    }

    /** @return the largest value, 0 when there is none */
    public double max() {
        return max;
    }

    /** @return the smallest value, 0 when there is none */
    public double min() {
        return min;
    }

    /** @return the share of values exactly 0, in [0, 1] */
    public double zeroShare() {
        return channels.stream().mapToDouble(ChannelStats::zeroShare).average().orElse(0);
    }

    /** @return channels whose values are all 0 */
    public int deadCount() {
        return (int) channels.stream().filter(ChannelStats::dead).count();
    }

    /** @return channels holding one non-zero value throughout */
    public int constantCount() {
        return (int) channels.stream().filter(ChannelStats::constant).count();
    }

    /** @return channels with a NaN or infinite value */
    public int nonFiniteChannels() {
        return (int) channels.stream().filter(s -> s.nonFinite() > 0).count();
    }
}
