package org.convscope.core.render;

/**
 * Statistics of one channel of one batch item, over its finite values.
 *
 * @param mean      arithmetic mean
 * @param std       population standard deviation (numpy's {@code std}, {@code ddof=0})
 * @param min       smallest value
 * @param max       largest value
 * @param zeroShare share of values exactly 0, in [0, 1] — the "% zeros" of a ReLU layer
 * @param nonFinite count of NaN or infinite values (left out of the other figures)
 * @param dead      every value is 0: the channel never fires for this input
 * @param constant  every value equals the same non-zero number (or none is finite); such a
 *                  channel cannot be standardised and is drawn as a flagged tile
 */
public record ChannelStats(double mean, double std, double min, double max, double zeroShare, long nonFinite,
        boolean dead, boolean constant) {

    /** @return whether the tile is drawn flagged instead of with values: dead or constant */
    public boolean flagged() {
        return dead || constant;
    }
}
