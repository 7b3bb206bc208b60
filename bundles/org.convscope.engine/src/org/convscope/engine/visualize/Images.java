package org.convscope.engine.visualize;

import java.util.Arrays;

import org.convscope.core.render.RgbImage;

/** Small image operations the visualisations share. */
final class Images {

    private static final int DEAD_FILL = 0xFF808080;
    private static final int DEAD_MARK = 0xFF505050;

    private Images() {
    }

    /**
     * Shifts each NHWC image by its own (dy, dx) times {@code sign}, wrapping around: a shift whose
     * transpose is itself with the opposite sign, so gradients can be moved back exactly.
     */
    static float[] roll(float[] nhwc, int n, int h, int w, int c, int[][] shifts, int sign) {
        float[] out = new float[nhwc.length];
        for (int i = 0; i < n; i++) {
            int dy = Math.floorMod(sign * shifts[i][0], h);
            int dx = Math.floorMod(sign * shifts[i][1], w);
            int base = i * h * w * c;
            for (int y = 0; y < h; y++) {
                int ty = (y + dy) % h;
                for (int x = 0; x < w; x++) {
                    int tx = (x + dx) % w;
                    System.arraycopy(nhwc, base + (y * w + x) * c, out, base + (ty * w + tx) * c, c);
                }
            }
        }
        return out;
    }

    /** A flat grey tile crossed by two darker diagonals: "nothing to show", unmistakable for noise. */
    static RgbImage deadTile(int width, int height) {
        int[] px = new int[width * height];
        Arrays.fill(px, DEAD_FILL);
        int n = Math.min(width, height);
        for (int i = 0; i < n; i++) {
            int x = i * width / n;
            int y = i * height / n;
            px[y * width + x] = DEAD_MARK;
            px[y * width + (width - 1 - x)] = DEAD_MARK;
        }
        return new RgbImage(width, height, px);
    }
}
