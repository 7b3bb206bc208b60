package org.convscope.core.render;

/**
 * Where each channel's tile lies in a grid image, so that a view can map a pointer position back
 * to a channel and a source pixel. Tiles run left to right, then top to bottom; the last row may
 * be partly empty.
 *
 * @param width      image width in pixels
 * @param height     image height in pixels
 * @param channels   tiles drawn (every channel)
 * @param columns    tiles per row
 * @param rows       rows of tiles
 * @param tileWidth  source pixels across one tile (W; {@code steps} for 1-D; 1 for Dense)
 * @param tileHeight source pixels down one tile (H; 1 for 1-D and Dense)
 * @param upscale    image pixels per source pixel, each way
 * @param gap        image pixels between tiles
 */
public record GridGeometry(int width, int height, int channels, int columns, int rows, int tileWidth,
        int tileHeight, int upscale, int gap) {

    /**
     * A position inside a tile.
     *
     * @param channel the channel index
     * @param row     the source row (0 … H−1)
     * @param column  the source column (0 … W−1)
     */
    public record TilePoint(int channel, int row, int column) {
    }

    static GridGeometry of(int channels, int perRow, int tileWidth, int tileHeight, int upscale, int gap) {
        int columns = channels == 0 ? 0 : Math.min(perRow, channels);
        int rows = channels == 0 ? 0 : (channels + perRow - 1) / perRow;
        int w = columns == 0 ? 0 : columns * tileWidth * upscale + (columns - 1) * gap;
        int h = rows == 0 ? 0 : rows * tileHeight * upscale + (rows - 1) * gap;
        return new GridGeometry(w, h, channels, columns, rows, tileWidth, tileHeight, upscale, gap);
    }

    /** @return image x of the left edge of channel {@code c}'s tile */
    public int tileX(int c) {
        return (c % columns) * (tileWidth * upscale + gap);
    }

    /** @return image y of the top edge of channel {@code c}'s tile */
    public int tileY(int c) {
        return (c / columns) * (tileHeight * upscale + gap);
    }

    /** @return tile width in image pixels */
    public int tilePixelWidth() {
        return tileWidth * upscale;
    }

    /** @return tile height in image pixels */
    public int tilePixelHeight() {
        return tileHeight * upscale;
    }

    /**
     * @return the channel and source pixel under image pixel ({@code x}, {@code y}), or
     *         {@code null} over a gap, an empty cell or outside the image
     */
    public TilePoint pointAt(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return null;
        }
        int pitchX = tileWidth * upscale + gap;
        int pitchY = tileHeight * upscale + gap;
        int col = x / pitchX;
        int row = y / pitchY;
        int inX = x % pitchX;
        int inY = y % pitchY;
        int channel = row * columns + col;
        if (inX >= tileWidth * upscale || inY >= tileHeight * upscale || channel >= channels) {
            return null;
        }
        return new TilePoint(channel, inY / upscale, inX / upscale);
    }
}
