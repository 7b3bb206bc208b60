package org.convscope.scan;

import java.util.Comparator;
import java.util.List;

/**
 * One channel of a layer over a whole image set.
 *
 * @param channel the channel's index
 * @param top     its strongest images, best first
 * @param values  how many values it took (images × positions)
 * @param mean    the mean of those values
 * @param std     their standard deviation (population)
 * @param max     the largest
 * @param zeros   the share of values exactly 0
 * @param dead    whether every value was 0: the channel never fires on this set
 */
public record ChannelSummary(int channel, List<Example> top, long values, double mean, double std, double max,
        double zeros, boolean dead) {

    /**
     * The order of a report, best first: by the channel's maximum over the set, the strongest
     * response first (a dead channel's is 0, so dead channels come after every channel that ever
     * fired), then by channel index.
     */
    public static final Comparator<ChannelSummary> BEST_FIRST = Comparator
            .comparingDouble((ChannelSummary s) -> -s.max()).thenComparingInt(ChannelSummary::channel);

    public ChannelSummary {
        top = List.copyOf(top);
    }
}
