package org.convscope.core.render;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.convscope.core.tensor.Tensor;

/**
 * Draws every channel of a layer output as a tile: F. Chollet's {@code display_grid} from "Deep
 * Learning with Python" §5.4, with its faults fixed. No channel is dropped (the notebook loses
 * {@code C mod 16} of them), constant and all-zero channels become marked tiles instead of NaN,
 * and the scale can span the layer, the batch or several inputs.
 *
 * <p>Values are standardised as in the notebook, {@code (x − mean)/std·64 + 128}, clipped to
 * 0–255 and truncated to an index into the colour map.
 */
public final class ChannelGridRenderer {

    private ChannelGridRenderer() {
    }

    /** @return the grid of batch item 0 with {@link GridOptions#defaults()} */
    public static ChannelGrid render(Tensor activation) {
        return render(activation, GridOptions.defaults());
    }

    /**
     * @param activation a layer output: (N, H, W, C), (N, steps, C) or (N, units)
     * @param options    layout, colours and scale
     * @return the grid with its geometry and per-channel statistics
     * @throws IllegalArgumentException for another rank, a batch index out of range, or a shared
     *                                  scale with another channel count
     */
    public static ChannelGrid render(Tensor activation, GridOptions options) {
        ChannelData d = ChannelData.of(activation, options.batchIndex());
        int channels = d.channels;

        ChannelAccumulator own = new ChannelAccumulator(channels);
        own.add(d.data, d.offset, d.pixels());
        ActivationStats summary = ActivationStats.of(own, d.kind == ChannelData.Kind.DENSE);
        List<ChannelStats> stats = summary.channels();
        boolean[] flagged = new boolean[channels];
        boolean[] hasNaN = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            flagged[c] = stats.get(c).flagged();
            hasNaN[c] = stats.get(c).nonFinite() > 0;
        }

        NormalizationScope scope = options.scope();
        if (d.kind == ChannelData.Kind.DENSE && scope == NormalizationScope.CHANNEL) {
            scope = NormalizationScope.LAYER;
        }
        float[] mean = new float[channels];
        float[] gain = new float[channels];
        scale(scope, own, activation, options.shared(), mean, gain);

        GridGeometry g = switch (d.kind) {
            case SPATIAL -> GridGeometry.of(channels, options.perRow(), d.width, d.height, options.upscale(),
                    options.gap());
            case SEQUENCE -> GridGeometry.of(channels, 1, d.width, 1, options.upscale(), 0);
            case DENSE -> GridGeometry.of(channels, options.stripLength(), 1, 1, options.upscale(), 0);
        };
        int[] px = new int[g.width() * g.height()];
        fillBackground(px, g, options.background());
        for (int c = 0; c < channels; c++) {
            if (flagged[c]) {
                TileMarks.paint(px, g.width(), g.tileX(c), g.tileY(c), g.tilePixelWidth(), g.tilePixelHeight(),
                        stats.get(c));
            }
        }
        paint(d, g, flagged, hasNaN, mean, gain, options.colormap().lut(), px);
        return new ChannelGrid(new RgbImage(g.width(), g.height(), px), g, summary, scope, d);
    }

    /**
     * Paints gaps and the empty cells of the last row only: every other pixel is a tile and is
     * written anyway, and a full fill would be one more pass over a large image.
     */
    private static void fillBackground(int[] px, GridGeometry g, int background) {
        int w = g.width();
        int tileW = g.tilePixelWidth();
        int tileH = g.tilePixelHeight();
        for (int row = 0; row < g.rows(); row++) {
            int top = row * (tileH + g.gap());
            int used = Math.min(g.columns(), g.channels() - row * g.columns());
            int usedWidth = used * (tileW + g.gap());
            for (int y = top; y < top + tileH; y++) {
                int o = y * w;
                for (int col = 1; col < used; col++) {
                    int x = col * (tileW + g.gap()) - g.gap();
                    Arrays.fill(px, o + x, o + x + g.gap(), background);
                }
                if (usedWidth - g.gap() < w) {
                    Arrays.fill(px, o + Math.max(0, usedWidth - g.gap()), o + w, background);
                }
            }
            int gapEnd = Math.min(g.height(), top + tileH + g.gap());
            Arrays.fill(px, (top + tileH) * w, gapEnd * w, background);
        }
    }

    /** Fills {@code mean} and {@code gain} (= 64/std, 0 when std is 0) per channel for the scope. */
    private static void scale(NormalizationScope scope, ChannelAccumulator own, Tensor t, SharedScale shared,
            float[] mean, float[] gain) {
        int channels = mean.length;
        switch (scope) {
            case CHANNEL -> {
                for (int c = 0; c < channels; c++) {
                    set(mean, gain, c, own.mean(c), own.std(c));
                }
            }
            case LAYER -> fill(mean, gain, own.pooled());
            case GLOBAL -> {
                ChannelData all = ChannelData.layout(t);
                ChannelAccumulator acc = new ChannelAccumulator(channels);
                acc.add(all.data, 0, all.pixels() * all.batch);
                fill(mean, gain, acc.pooled());
            }
            case SHARED -> {
                if (shared.channels() != channels) {
                    throw new IllegalArgumentException("shared scale has " + shared.channels() + " channels, "
                            + t + " has " + channels);
                }
                for (int c = 0; c < channels; c++) {
                    set(mean, gain, c, shared.mean(c), shared.std(c));
                }
            }
        }
    }

    private static void fill(float[] mean, float[] gain, double[] meanStd) {
        for (int c = 0; c < mean.length; c++) {
            set(mean, gain, c, meanStd[0], meanStd[1]);
        }
    }

    private static void set(float[] mean, float[] gain, int c, double m, double std) {
        mean[c] = (float) m;
        gain[c] = std > 0 ? (float) (64.0 / std) : 0f;
    }

    private static void paint(ChannelData d, GridGeometry g, boolean[] flagged, boolean[] hasNaN, float[] mean,
            float[] gain, int[] lut, int[] px) {
        int channels = d.channels;
        int[] base = new int[channels];
        for (int c = 0; c < channels; c++) {
            base[c] = g.tileY(c) * g.width() + g.tileX(c);
        }
        int parts = Math.min(d.height, ChannelAccumulator.parts(d.itemSize()));
        if (parts <= 1) {
            paintRows(d, g, 0, d.height, base, flagged, hasNaN, mean, gain, lut, px);
        } else {
            // tiles' rows are disjoint between parts, so they write without coordination
            IntStream.range(0, parts).parallel().forEach(i -> paintRows(d, g, d.height * i / parts,
                    d.height * (i + 1) / parts, base, flagged, hasNaN, mean, gain, lut, px));
        }
    }

    /**
     * Paints source rows {@code [y0, y1)} of every drawable tile, one channel at a time per row:
     * reads stride through one row of the activation (small enough to stay in cache) and writes
     * run along the tile, which measured faster than visiting every channel per pixel.
     */
    private static void paintRows(ChannelData d, GridGeometry g, int y0, int y1, int[] base, boolean[] flagged,
            boolean[] hasNaN, float[] mean, float[] gain, int[] lut, int[] px) {
        int channels = d.channels;
        int width = d.width;
        int stride = g.width();
        int s = g.upscale();
        float[] data = d.data;
        for (int y = y0; y < y1; y++) {
            int row = d.offset + y * width * channels;
            for (int c = 0; c < channels; c++) {
                if (flagged[c]) {
                    continue;
                }
                float m = mean[c];
                float k = gain[c];
                boolean nan = hasNaN[c];
                int o = base[c] + y * s * stride;
                for (int x = 0, src = row + c; x < width; x++, src += channels) {
                    // Truncation toward zero and an int clamp give the notebook's clip-then-uint8
                    // without a data-dependent branch; only channels known to hold a NaN test for it.
                    float v = data[src];
                    int i = (int) ((v - m) * k + 128f);
                    i = i < 0 ? 0 : i > 255 ? 255 : i;
                    int color = nan && v != v ? TileMarks.NON_FINITE : lut[i];
                    if (s == 1) {
                        px[o + x] = color;
                    } else {
                        Arrays.fill(px, o + x * s, o + x * s + s, color);
                    }
                }
                for (int dy = 1; dy < s; dy++) {
                    System.arraycopy(px, o, px, o + dy * stride, width * s);
                }
            }
        }
    }
}
