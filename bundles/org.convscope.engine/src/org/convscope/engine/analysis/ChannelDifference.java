package org.convscope.engine.analysis;

/**
 * How differently one channel responds to the compared inputs.
 *
 * @param channel     the channel index
 * @param meanA       the channel's mean for the first input
 * @param meanB       the channel's mean for the second input
 * @param meanAbsDiff mean of |A − B| over the channel's pixels
 * @param score       root-mean-square difference over every pair of inputs, divided by the
 *                    channel's shared standard deviation: 0 for identical responses, and
 *                    comparable between channels of different magnitude
 */
public record ChannelDifference(int channel, double meanA, double meanB, double meanAbsDiff, double score) {
}
