package org.convscope.core.render;

/**
 * Which values share one mean and standard deviation when a grid is standardised with
 * {@code (x − mean)/std·64 + 128}.
 */
public enum NormalizationScope {
    /** Each channel by its own statistics, as the notebook does: every tile uses the full colour range. */
    CHANNEL,
    /** One mean and std over every channel of the shown batch item, so tiles compare with each other. */
    LAYER,
    /** One mean and std over the whole tensor, every batch item included, so batch items compare too. */
    GLOBAL,
    /**
     * Per-channel statistics pooled over several inputs ({@link SharedScale}), so the same channel
     * compares across images shown side by side.
     */
    SHARED
}
