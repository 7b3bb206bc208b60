package org.convscope.ui.atlas;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convscope.core.render.HeatmapOverlay;
import org.convscope.core.render.RgbImage;
import org.convscope.scan.ChannelSummary;
import org.convscope.scan.Example;

/**
 * Draws a channel's tile without a display: its top examples' receptive-field crops in a square
 * grid of cells, each crop scaled to fit its cell, and its cached feature visualisation beside
 * them; a cell whose image file is missing shows a striped placeholder instead. Also draws an
 * example large, with the crop outlined and, when computed, the channel's activation over it.
 */
public final class TileRenderer {

    /** A cell's side, in atlas pixels at zoom 1. */
    public static final int CELL = 32;
    /** Between cells. */
    static final int GAP = 1;
    /** Between the examples and the pattern. */
    static final int PATTERN_GAP = 4;
    /** The side of an example drawn large, at least. */
    static final int LARGE = 168;

    /**
     * A rendered tile.
     *
     * @param image   the picture
     * @param missing the names of the examples whose image file is missing
     * @param failed  the examples whose file could not be read, with why
     */
    public record Tile(RgbImage image, List<String> missing, List<String> failed) {
    }

    private final int columns;
    private final int rows;
    private final boolean withPattern;
    private final Colours colours;

    /**
     * The fills a tile uses, from the theme's palette.
     *
     * @param gutter      behind and between the cells
     * @param placeholder the stripes of a missing image
     * @param outline     the crop's outline on a large example
     */
    record Colours(int gutter, int placeholder, int outline) {
    }

    /**
     * @param k           the examples per channel
     * @param withPattern whether the tiles keep room for a pattern
     */
    TileRenderer(int k, boolean withPattern, Colours colours) {
        this.columns = Math.max(1, (int) Math.ceil(Math.sqrt(k)));
        this.rows = Math.max(1, (k + columns - 1) / columns);
        this.withPattern = withPattern;
        this.colours = colours;
    }

    /** @return the examples' part's width */
    private int examplesWidth() {
        return columns * CELL + (columns - 1) * GAP;
    }

    /** @return a tile's width in atlas pixels */
    int width() {
        return examplesWidth() + (withPattern ? PATTERN_GAP + height() : 0);
    }

    /** @return a tile's height in atlas pixels */
    int height() {
        return rows * CELL + (rows - 1) * GAP;
    }

    /** @return the index of the example under tile pixel (x, y), or −1 */
    int exampleAt(int x, int y) {
        if (x < 0 || y < 0 || x >= examplesWidth() || y >= height()) {
            return -1;
        }
        int c = x / (CELL + GAP);
        int r = y / (CELL + GAP);
        return r * columns + c;
    }

    /** Draws {@code channel}'s tile, decoding its examples' images. */
    Tile render(ChannelSummary channel, ExampleImages images, RgbImage pattern) {
        int w = width();
        int h = height();
        int[] px = new int[w * h];
        Arrays.fill(px, 0xFF000000 | colours.gutter());
        List<String> missing = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<Example> top = channel.top();
        for (int i = 0; i < top.size() && i < columns * rows; i++) {
            Example e = top.get(i);
            int x0 = i % columns * (CELL + GAP);
            int y0 = i / columns * (CELL + GAP);
            ExampleImages.Loaded l = null;
            try {
                l = images.load(e.image());
                if (l == null) {
                    missing.add(e.image());
                }
            } catch (IOException | RuntimeException ex) {
                failed.add(ex.getMessage() == null ? e.image() : ex.getMessage());
            }
            if (l == null) {
                stripes(px, w, x0, y0, CELL, CELL);
            } else {
                fit(px, w, ExampleImages.crop(l.picture(), e.crop()), x0, y0, CELL, CELL);
            }
        }
        if (withPattern && pattern != null) {
            fit(px, w, pattern, examplesWidth() + PATTERN_GAP, 0, h, h);
        }
        return new Tile(new RgbImage(w, h, px), missing, failed);
    }

    private void stripes(int[] px, int stride, int x0, int y0, int cw, int ch) {
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                boolean on = (x + y) / 4 % 2 == 0;
                px[(y0 + y) * stride + x0 + x] = 0xFF000000 | (on ? colours.placeholder() : colours.gutter());
            }
        }
    }

    /** Scales {@code img} (nearest) to fit a {@code cw × ch} cell at (x0, y0), centred. */
    private static void fit(int[] px, int stride, RgbImage img, int x0, int y0, int cw, int ch) {
        double s = Math.min((double) cw / img.width(), (double) ch / img.height());
        int w = Math.max(1, (int) Math.round(img.width() * s));
        int h = Math.max(1, (int) Math.round(img.height() * s));
        int ox = x0 + (cw - w) / 2;
        int oy = y0 + (ch - h) / 2;
        for (int y = 0; y < h; y++) {
            int sy = Math.min(img.height() - 1, (int) (y / s));
            for (int x = 0; x < w; x++) {
                int sx = Math.min(img.width() - 1, (int) (x / s));
                px[(oy + y) * stride + ox + x] = img.argb()[sy * img.width() + sx];
            }
        }
    }

    /**
     * Draws an example large: the whole image as the model saw it, scaled by a whole factor, the
     * channel's activation map over it when given, the crop outlined.
     *
     * @param picture the image
     * @param crop    the receptive field's crop {@code {top, left, bottom, right}}
     * @param heat    the channel's activation (rows × columns), or null
     */
    static RgbImage large(RgbImage picture, int[] crop, float[] heat, int heatRows, int heatColumns, int outline) {
        int scale = Math.max(1, LARGE / Math.max(picture.width(), picture.height()));
        int w = picture.width() * scale;
        int h = picture.height() * scale;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = picture.argb()[y / scale * picture.width() + x / scale];
            }
        }
        RgbImage big = new RgbImage(w, h, px);
        if (heat != null) {
            big = HeatmapOverlay.overlay(big, heat, heatColumns, heatRows, 0.45);
        }
        int[] out = big.argb().clone();
        int top = Math.max(0, crop[0] * scale);
        int left = Math.max(0, crop[1] * scale);
        int bottom = Math.min(h, crop[2] * scale) - 1;
        int right = Math.min(w, crop[3] * scale) - 1;
        for (int t = 0; t < 2; t++) {
            for (int x = left; x <= right; x++) {
                dot(out, w, h, x, top + t, outline);
                dot(out, w, h, x, bottom - t, outline);
            }
            for (int y = top; y <= bottom; y++) {
                dot(out, w, h, left + t, y, outline);
                dot(out, w, h, right - t, y, outline);
            }
        }
        return new RgbImage(w, h, out);
    }

    private static void dot(int[] px, int w, int h, int x, int y, int rgb) {
        if (x >= 0 && y >= 0 && x < w && y < h) {
            px[y * w + x] = 0xFF000000 | rgb;
        }
    }
}
