package org.convscope.core.render;

import java.util.Arrays;

import org.convscope.core.tensor.Tensor;

/**
 * One channel enlarged with a colour bar beside it, like the notebook's {@code plt.matshow}:
 * values are mapped linearly from the channel's minimum to its maximum, without standardisation,
 * so the bar's ends are the real extremes. The bar runs from {@code max} at the top to
 * {@code min} at the bottom; a view labels it from {@link #barX()} etc., so the core needs no
 * fonts.
 */
public final class ChannelPlot {

    private final RgbImage image;
    private final ChannelData source;
    private final int channel;
    private final int upscale;
    private final ChannelStats stats;
    private final int barX;
    private final int barWidth;

    private ChannelPlot(RgbImage image, ChannelData source, int channel, int upscale, ChannelStats stats, int barX,
            int barWidth) {
        this.image = image;
        this.source = source;
        this.channel = channel;
        this.upscale = upscale;
        this.stats = stats;
        this.barX = barX;
        this.barWidth = barWidth;
    }

    /**
     * @param activation a layer output: (N, H, W, C) or (N, steps, C)
     * @param batchIndex the batch item
     * @param channel    the channel to draw
     * @param upscale    image pixels per source pixel, each way, at least 1
     * @param colormap   the colours
     * @return the plot; a dead or constant channel is drawn with the grid's mark
     */
    public static ChannelPlot render(Tensor activation, int batchIndex, int channel, int upscale, Colormap colormap) {
        ChannelData d = ChannelData.of(activation, batchIndex);
        if (channel < 0 || channel >= d.channels) {
            throw new IllegalArgumentException("channel " + channel + " outside 0.." + (d.channels - 1));
        }
        if (upscale < 1) {
            throw new IllegalArgumentException("upscale " + upscale + " < 1");
        }
        ChannelAccumulator acc = new ChannelAccumulator(1);
        float[] values = new float[d.pixels()];
        for (int p = 0; p < values.length; p++) {
            values[p] = d.data[d.offset + p * d.channels + channel];
        }
        acc.add(values, 0, values.length);
        ChannelStats st = acc.stats(0);

        int plotW = d.width * upscale;
        int plotH = d.height * upscale;
        int gap = Math.max(4, plotH / 32);
        int barW = Math.max(8, plotH / 20);
        int width = plotW + gap + barW;
        int[] px = new int[width * plotH];
        Arrays.fill(px, 0xFFFFFFFF);
        int[] lut = colormap.lut();
        if (st.flagged()) {
            TileMarks.paint(px, width, 0, 0, plotW, plotH, st);
        } else {
            double lo = st.min();
            double span = st.max() - lo;
            for (int y = 0; y < d.height; y++) {
                for (int x = 0; x < d.width; x++) {
                    float v = values[y * d.width + x];
                    int color = v - v == 0f ? lut[index((v - lo) / span)] : TileMarks.NON_FINITE;
                    for (int dy = 0; dy < upscale; dy++) {
                        int o = (y * upscale + dy) * width + x * upscale;
                        Arrays.fill(px, o, o + upscale, color);
                    }
                }
            }
        }
        for (int y = 0; y < plotH; y++) {
            double t = plotH == 1 ? 1 : 1 - (double) y / (plotH - 1);
            int o = y * width + plotW + gap;
            Arrays.fill(px, o, o + barW, lut[index(t)]);
        }
        return new ChannelPlot(new RgbImage(width, plotH, px), d, channel, upscale, st, plotW + gap, barW);
    }

    /** matplotlib's float-to-entry rule: {@code floor(t·256)}, 1.0 to the last entry. */
    private static int index(double t) {
        int i = (int) (t * Colormap.SIZE);
        return i < 0 ? 0 : Math.min(i, Colormap.SIZE - 1);
    }

    /** @return the picture: the channel at the left, the bar at the right */
    public RgbImage image() {
        return image;
    }

    /** @return the channel's statistics; {@code min()} and {@code max()} label the bar's ends */
    public ChannelStats stats() {
        return stats;
    }

    /** @return the channel drawn */
    public int channel() {
        return channel;
    }

    /** @return the image x of the bar's left edge */
    public int barX() {
        return barX;
    }

    /** @return the bar's width in pixels; it spans the image's full height */
    public int barWidth() {
        return barWidth;
    }

    /** @return the activation under image pixel ({@code x}, {@code y}), NaN outside the channel */
    public float valueAt(int x, int y) {
        int sx = x / upscale;
        int sy = y / upscale;
        if (x < 0 || y < 0 || sx >= source.width || sy >= source.height) {
            return Float.NaN;
        }
        return source.data[source.offset + (sy * source.width + sx) * source.channels + channel];
    }
}
