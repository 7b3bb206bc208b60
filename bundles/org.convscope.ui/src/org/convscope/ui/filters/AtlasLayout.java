package org.convscope.ui.filters;

import java.util.Arrays;
import java.util.List;

import org.convscope.core.render.RgbImage;

/**
 * Where each pattern of an atlas sits: equal tiles, {@code perRow} to a row, a margin between and
 * around them (the notebook's layout). Plain Java, so the geometry is checked without a display.
 *
 * @param tileWidth  a tile's width in pixels
 * @param tileHeight a tile's height in pixels
 * @param count      the tiles
 * @param perRow     tiles per row
 * @param margin     pixels between tiles and around the grid
 */
public record AtlasLayout(int tileWidth, int tileHeight, int count, int perRow, int margin) {

    public AtlasLayout {
        if (tileWidth < 1 || tileHeight < 1 || count < 0 || perRow < 1 || margin < 0) {
            throw new IllegalArgumentException("bad atlas layout " + tileWidth + "x" + tileHeight + " x" + count);
        }
    }

    /** @return the picture's width */
    public int width() {
        int cols = Math.max(1, Math.min(perRow, count));
        return cols * tileWidth + (cols + 1) * margin;
    }

    /** @return the picture's height */
    public int height() {
        int rows = Math.max(1, (count + perRow - 1) / perRow);
        return rows * tileHeight + (rows + 1) * margin;
    }

    /** @return the left edge of tile {@code i} */
    public int tileX(int i) {
        return margin + i % perRow * (tileWidth + margin);
    }

    /** @return the top edge of tile {@code i} */
    public int tileY(int i) {
        return margin + i / perRow * (tileHeight + margin);
    }

    /** @return the tile under picture pixel ({@code x}, {@code y}), or −1 in a margin or past the last */
    public int indexAt(int x, int y) {
        if (x < margin || y < margin) {
            return -1;
        }
        int col = (x - margin) / (tileWidth + margin);
        int row = (y - margin) / (tileHeight + margin);
        boolean inTile = (x - margin) % (tileWidth + margin) < tileWidth
                && (y - margin) % (tileHeight + margin) < tileHeight;
        int i = row * perRow + col;
        return inTile && col < perRow && i < count ? i : -1;
    }

    /**
     * @param tiles  one per place, null where a pattern has not arrived
     * @param gutter the margins' ARGB
     * @param empty  an empty place's ARGB
     * @return the atlas picture
     */
    public RgbImage image(List<RgbImage> tiles, int gutter, int empty) {
        int w = width();
        int[] px = new int[w * height()];
        Arrays.fill(px, gutter);
        for (int i = 0; i < count; i++) {
            RgbImage t = i < tiles.size() ? tiles.get(i) : null;
            int x0 = tileX(i);
            int y0 = tileY(i);
            for (int y = 0; y < tileHeight; y++) {
                int row = (y0 + y) * w + x0;
                if (t == null || t.width() != tileWidth || t.height() != tileHeight) {
                    Arrays.fill(px, row, row + tileWidth, empty);
                } else {
                    System.arraycopy(t.argb(), y * tileWidth, px, row, tileWidth);
                }
            }
        }
        return new RgbImage(w, height(), px);
    }
}
