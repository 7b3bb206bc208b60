package org.convscope.core.render;

/**
 * The colours of marked tiles and pixels, public so that a view's legend can show them. Marks are
 * neutral greys with diagonal hatching, which no colour map produces, so a flagged tile never
 * passes for data.
 */
public final class TileMarks {

    /** Background of a dead (all-zero) tile. */
    public static final int DEAD_FILL = 0xFF505050;
    /** Hatching of a dead tile (lines falling to the right). */
    public static final int DEAD_HATCH = 0xFFB4B4B4;
    /** Background of a constant non-zero tile. */
    public static final int CONSTANT_FILL = 0xFF707070;
    /** Hatching of a constant tile (lines rising to the right). */
    public static final int CONSTANT_HATCH = 0xFFE0E0E0;
    /** A NaN value in an otherwise drawable tile. */
    public static final int NON_FINITE = 0xFFFF00FF;
    /** Hatch period in pixels. */
    static final int PERIOD = 4;

    private TileMarks() {
    }

    /** Fills a {@code w × h} rectangle of {@code px} (row length {@code stride}) with the mark for {@code s}. */
    static void paint(int[] px, int stride, int x0, int y0, int w, int h, ChannelStats s) {
        boolean dead = s.dead();
        int fill = dead ? DEAD_FILL : CONSTANT_FILL;
        int hatch = dead ? DEAD_HATCH : CONSTANT_HATCH;
        for (int y = 0; y < h; y++) {
            int row = (y0 + y) * stride + x0;
            for (int x = 0; x < w; x++) {
                int diag = dead ? x - y : x + y;
                px[row + x] = Math.floorMod(diag, PERIOD) == 0 ? hatch : fill;
            }
        }
    }
}
