package org.convscope.core.render;

import java.util.Objects;

/**
 * How a channel grid is laid out and coloured. Start from {@link #defaults()} and change what
 * differs with the {@code with…} methods.
 *
 * @param perRow      tiles per row for (N, H, W, C) outputs, at least 1 (notebook: 16)
 * @param upscale     integer magnification of every source pixel, at least 1
 * @param gap         pixels between tiles, at least 0; not magnified
 * @param colormap    colours for the 0–255 standardised values
 * @param scope       which values share one mean and std
 * @param shared      the pooled scale for {@link NormalizationScope#SHARED}, else ignored
 * @param batchIndex  which batch item to draw
 * @param background  ARGB of gaps and of the empty cells of the last row
 * @param stripLength units per row for (N, units) outputs, at least 1
 */
public record GridOptions(int perRow, int upscale, int gap, Colormap colormap, NormalizationScope scope,
        SharedScale shared, int batchIndex, int background, int stripLength) {

    /** The notebook's tiles per row. */
    public static final int DEFAULT_PER_ROW = 16;

    public GridOptions {
        Objects.requireNonNull(colormap, "colormap");
        Objects.requireNonNull(scope, "scope");
        if (perRow < 1 || upscale < 1 || gap < 0 || batchIndex < 0 || stripLength < 1) {
            throw new IllegalArgumentException("perRow " + perRow + ", upscale " + upscale + ", gap " + gap
                    + ", batchIndex " + batchIndex + ", stripLength " + stripLength
                    + ": counts must be ≥ 1, gap and batch index ≥ 0");
        }
        if (scope == NormalizationScope.SHARED && shared == null) {
            throw new IllegalArgumentException("scope SHARED needs a SharedScale");
        }
    }

    /** @return 16 per row, no magnification, 1-pixel gaps, viridis, per-channel scale, item 0 */
    public static GridOptions defaults() {
        return new GridOptions(DEFAULT_PER_ROW, 1, 1, Colormap.VIRIDIS, NormalizationScope.CHANNEL, null, 0,
                0xFF2B2B2B, 64);
    }

    /** @return these options with {@code n} tiles per row */
    public GridOptions withPerRow(int n) {
        return new GridOptions(n, upscale, gap, colormap, scope, shared, batchIndex, background, stripLength);
    }

    /**
     * The upscale that makes a tile {@code tileWidth} pixels wide readable in a written picture: at
     * least 64 pixels wide where a factor of up to 8 gets it there.
     */
    public static int readableUpscale(int tileWidth) {
        return Math.max(1, Math.min(8, (int) Math.ceil(64.0 / Math.max(1, tileWidth))));
    }

    /** @return these options with every source pixel drawn {@code factor × factor} */
    public GridOptions withUpscale(int factor) {
        return new GridOptions(perRow, factor, gap, colormap, scope, shared, batchIndex, background, stripLength);
    }

    /** @return these options with {@code pixels} between tiles */
    public GridOptions withGap(int pixels) {
        return new GridOptions(perRow, upscale, pixels, colormap, scope, shared, batchIndex, background, stripLength);
    }

    /** @return these options with another colour map */
    public GridOptions withColormap(Colormap map) {
        return new GridOptions(perRow, upscale, gap, map, scope, shared, batchIndex, background, stripLength);
    }

    /** @return these options with scope CHANNEL, LAYER or GLOBAL (SHARED: use {@link #withShared}) */
    public GridOptions withScope(NormalizationScope s) {
        return new GridOptions(perRow, upscale, gap, colormap, s, shared, batchIndex, background, stripLength);
    }

    /** @return these options drawing on {@code scale}, scope SHARED */
    public GridOptions withShared(SharedScale scale) {
        return new GridOptions(perRow, upscale, gap, colormap, NormalizationScope.SHARED,
                Objects.requireNonNull(scale, "scale"), batchIndex, background, stripLength);
    }

    /** @return these options with gaps and empty cells in {@code argb} (a theme's gutter colour) */
    public GridOptions withBackground(int argb) {
        return new GridOptions(perRow, upscale, gap, colormap, scope, shared, batchIndex, argb, stripLength);
    }

    /** @return these options drawing batch item {@code index} */
    public GridOptions withBatchIndex(int index) {
        return new GridOptions(perRow, upscale, gap, colormap, scope, shared, index, background, stripLength);
    }
}
