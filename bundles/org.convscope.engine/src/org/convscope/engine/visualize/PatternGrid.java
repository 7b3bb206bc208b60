package org.convscope.engine.visualize;

import java.util.Arrays;
import java.util.List;

import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;

/**
 * Lays filter-pattern tiles out as one picture, {@code perRow} to a row with a black margin between
 * and around them, as the notebook's {@code results} array does (8 per row, 5-pixel margins).
 */
public final class PatternGrid {

    /** The notebook's layout: 8 tiles per row. */
    public static final int PER_ROW = 8;
    /** The notebook's margin, in pixels. */
    public static final int MARGIN = 5;

    private PatternGrid() {
    }

    /**
     * @param tiles  tiles of equal size, in reading order
     * @param perRow tiles per row
     * @param margin pixels between tiles and around the grid
     * @return the grid
     */
    public static RgbImage of(List<RgbImage> tiles, int perRow, int margin) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("no tiles");
        }
        int tw = tiles.get(0).width();
        int th = tiles.get(0).height();
        int cols = Math.min(perRow, tiles.size());
        int rows = (tiles.size() + perRow - 1) / perRow;
        int width = cols * tw + (cols + 1) * margin;
        int height = rows * th + (rows + 1) * margin;
        int[] px = new int[width * height];
        Arrays.fill(px, 0xFF000000);
        for (int i = 0; i < tiles.size(); i++) {
            RgbImage t = tiles.get(i);
            if (t.width() != tw || t.height() != th) {
                throw new IllegalArgumentException("tile " + i + " is " + t.width() + "×" + t.height() + ", not " + tw
                        + "×" + th);
            }
            int x0 = margin + (i % perRow) * (tw + margin);
            int y0 = margin + (i / perRow) * (th + margin);
            for (int y = 0; y < th; y++) {
                System.arraycopy(t.argb(), y * tw, px, (y0 + y) * width + x0, tw);
            }
        }
        return new RgbImage(width, height, px);
    }

    /**
     * @param tiles tiles of equal size
     * @return their pixels as float32 (N, H, W, 3) in pixel units 0–255, red first
     */
    public static Tensor pixels(List<RgbImage> tiles) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("no tiles");
        }
        int w = tiles.get(0).width();
        int h = tiles.get(0).height();
        float[] out = new float[tiles.size() * h * w * 3];
        int k = 0;
        for (RgbImage t : tiles) {
            if (t.width() != w || t.height() != h) {
                throw new IllegalArgumentException("tiles of different sizes");
            }
            for (int v : t.argb()) {
                out[k++] = v >> 16 & 0xFF;
                out[k++] = v >> 8 & 0xFF;
                out[k++] = v & 0xFF;
            }
        }
        return new Tensor(out, new int[] { tiles.size(), h, w, 3 });
    }
}
