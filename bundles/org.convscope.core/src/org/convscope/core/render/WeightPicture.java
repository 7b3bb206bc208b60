package org.convscope.core.render;

import java.util.Arrays;

import org.convscope.core.tensor.Tensor;

/**
 * A weight as a picture, as Netron's long-standing request (#65) asks for it: a convolution kernel
 * (Keras layout, spatial axes, then input channels, then filters) as a grid of its filters, each
 * tile the kernel's spatial extent for one input channel or, for a first layer reading three
 * channels, in colour; a matrix (a dense kernel, an embedding) as an image of its rows and columns;
 * a vector (a bias, a batch-norm parameter) as a strip. Large weights are shrunk by averaging
 * blocks so the picture stays within {@link #MAX_SIDE} pixels a side and is made in one pass.
 *
 * @param image   the picture
 * @param kind    what the weight was drawn as
 * @param columns tiles across (1 for a matrix or strip)
 * @param rows    tiles down (1 for a matrix or strip)
 * @param tileW   a tile's width in pixels (the whole picture's for a matrix or strip)
 * @param tileH   a tile's height in pixels
 * @param low     the value drawn with the colour map's first colour (for colour tiles: per filter)
 * @param high    the value drawn with its last colour
 * @param step    how many values along each axis one pixel averages (1 when not shrunk)
 */
public record WeightPicture(RgbImage image, Kind kind, int columns, int rows, int tileW, int tileH, double low,
        double high, int step) {

    /** How a weight is drawn. */
    public enum Kind {
        /** A grid of filters, one input channel each, in the colour map. */
        FILTERS,
        /** A grid of filters in colour: the three input channels as red, green and blue. */
        RGB_FILTERS,
        /** A matrix: rows down, columns across. */
        MATRIX,
        /** A vector as a strip. */
        STRIP
    }

    /** The largest side of a picture, in pixels, before tiles are laid out. */
    public static final int MAX_SIDE = 1024;
    /** Pixels between tiles. */
    public static final int GAP = 1;
    /** The height of a vector's strip. */
    public static final int STRIP_HEIGHT = 12;
    /** Between tiles: white, so that a filter of zeros (grey in colour) stands apart from the gaps. */
    private static final int GAP_ARGB = 0xFFFFFFFF;
    /** A block with no finite value. */
    private static final int NAN_ARGB = 0xFF808080;

    /**
     * @param weight  the values, in Keras's layout
     * @param channel the input channel a filter grid shows (ignored for colour tiles, matrices and
     *                strips); clamped to the kernel's channels
     * @param rgb     draw a kernel reading three channels in colour
     * @param map     the colour map of heat maps
     * @return the picture
     */
    public static WeightPicture of(Tensor weight, int channel, boolean rgb, Colormap map) {
        int[] s = weight.shape();
        if (s.length >= 3 && s.length <= 4) {
            int in = s[s.length - 2];
            return rgb && in == 3 ? rgbFilters(weight) : filters(weight, Math.max(0, Math.min(in - 1, channel)), map);
        }
        if (s.length <= 1) {
            return strip(weight.data(), map);
        }
        int cols = s[s.length - 1];
        int rowsOf = weight.size() / Math.max(1, cols);
        return matrix(weight.data(), rowsOf, cols, map);
    }

    /** @return whether {@code shape} is a kernel drawn as filters, and so has input channels to choose */
    public static boolean isKernel(int[] shape) {
        return shape.length >= 3 && shape.length <= 4;
    }

    /** @return the spatial height and width of a kernel's tile: (k, 1) for a 1-D kernel */
    private static int[] spatial(int[] s) {
        return s.length == 4 ? new int[] { s[0], s[1] } : new int[] { s[0], 1 };
    }

    private static WeightPicture filters(Tensor w, int channel, Colormap map) {
        int[] s = w.shape();
        int[] hw = spatial(s);
        int in = s[s.length - 2];
        int out = s[s.length - 1];
        float[] d = w.data();
        double[] range = range(d);
        double lo = range[0];
        double hi = range[1];
        int cols = (int) Math.ceil(Math.sqrt(out));
        int rowsOfTiles = (out + cols - 1) / cols;
        Grid g = new Grid(cols, rowsOfTiles, hw[1], hw[0]);
        for (int f = 0; f < out; f++) {
            int ox = (f % cols) * (hw[1] + GAP);
            int oy = (f / cols) * (hw[0] + GAP);
            for (int y = 0; y < hw[0]; y++) {
                for (int x = 0; x < hw[1]; x++) {
                    float v = d[((y * hw[1] + x) * in + channel) * out + f];
                    g.argb[(oy + y) * g.width + ox + x] = color(map, v, lo, hi);
                }
            }
        }
        return new WeightPicture(g.image(), Kind.FILTERS, cols, rowsOfTiles, hw[1], hw[0], lo, hi, 1);
    }

    /** Each filter stretched to its own range, as first-layer filters are usually shown. */
    private static WeightPicture rgbFilters(Tensor w) {
        int[] s = w.shape();
        int[] hw = spatial(s);
        int out = s[s.length - 1];
        float[] d = w.data();
        int cols = (int) Math.ceil(Math.sqrt(out));
        int rowsOfTiles = (out + cols - 1) / cols;
        Grid g = new Grid(cols, rowsOfTiles, hw[1], hw[0]);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < out; f++) {
            double fl = Double.POSITIVE_INFINITY;
            double fh = Double.NEGATIVE_INFINITY;
            for (int k = f; k < d.length; k += out) {
                if (Float.isFinite(d[k])) {
                    fl = Math.min(fl, d[k]);
                    fh = Math.max(fh, d[k]);
                }
            }
            lo = Math.min(lo, fl);
            hi = Math.max(hi, fh);
            int ox = (f % cols) * (hw[1] + GAP);
            int oy = (f / cols) * (hw[0] + GAP);
            for (int y = 0; y < hw[0]; y++) {
                for (int x = 0; x < hw[1]; x++) {
                    int base = ((y * hw[1] + x) * 3) * out + f;
                    int r = byteOf(d[base], fl, fh);
                    int gr = byteOf(d[base + out], fl, fh);
                    int b = byteOf(d[base + 2 * out], fl, fh);
                    g.argb[(oy + y) * g.width + ox + x] = 0xFF000000 | r << 16 | gr << 8 | b;
                }
            }
        }
        return new WeightPicture(g.image(), Kind.RGB_FILTERS, cols, rowsOfTiles, hw[1], hw[0], lo, hi, 1);
    }

    /** A rows × cols matrix, block-averaged by the same step on both axes when a side exceeds {@link #MAX_SIDE}. */
    static WeightPicture matrix(float[] d, int rowsOf, int cols, Colormap map) {
        int step = Math.max(1, (int) Math.ceil(Math.max(rowsOf, cols) / (double) MAX_SIDE));
        int w = (cols + step - 1) / step;
        int h = (rowsOf + step - 1) / step;
        double[] sum = new double[w * h];
        int[] n = new int[w * h];
        for (int r = 0; r < rowsOf; r++) {
            int base = r * cols;
            int py = (r / step) * w;
            // a block's columns summed in a local: no division or array write per value
            for (int bx = 0, c = 0; bx < w; bx++) {
                int end = Math.min(cols, c + step);
                double s = 0;
                int k = 0;
                for (; c < end; c++) {
                    float v = d[base + c];
                    if (Float.isFinite(v)) {
                        s += v;
                        k++;
                    }
                }
                sum[py + bx] += s;
                n[py + bx] += k;
            }
        }
        return fromMeans(sum, n, w, h, Kind.MATRIX, step, map);
    }

    private static WeightPicture strip(float[] d, Colormap map) {
        int step = Math.max(1, (int) Math.ceil(d.length / (double) MAX_SIDE));
        int w = Math.max(1, (d.length + step - 1) / step);
        double[] sum = new double[w];
        int[] n = new int[w];
        for (int i = 0; i < d.length; i++) {
            if (Float.isFinite(d[i])) {
                sum[i / step] += d[i];
                n[i / step]++;
            }
        }
        WeightPicture line = fromMeans(sum, n, w, 1, Kind.STRIP, step, map);
        int[] argb = new int[w * STRIP_HEIGHT];
        for (int y = 0; y < STRIP_HEIGHT; y++) {
            System.arraycopy(line.image().argb(), 0, argb, y * w, w);
        }
        return new WeightPicture(new RgbImage(w, STRIP_HEIGHT, argb), Kind.STRIP, 1, 1, w, STRIP_HEIGHT, line.low(),
                line.high(), step);
    }

    private static WeightPicture fromMeans(double[] sum, int[] n, int w, int h, Kind kind, int step, Colormap map) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < sum.length; i++) {
            if (n[i] > 0) {
                sum[i] /= n[i];
                lo = Math.min(lo, sum[i]);
                hi = Math.max(hi, sum[i]);
            }
        }
        double[] r = centred(lo, hi);
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = n[i] == 0 ? NAN_ARGB : color(map, sum[i], r[0], r[1]);
        }
        return new WeightPicture(new RgbImage(w, h, argb), kind, 1, 1, w, h, r[0], r[1], step);
    }

    /** The finite range, made symmetric around zero when the values take both signs. */
    private static double[] range(float[] d) {
        double[] r = Histogram.finiteRange(d);
        return centred(r[0], r[1]);
    }

    /** Signed weights get a range symmetric around zero, so zero has the same colour in every weight. */
    private static double[] centred(double lo, double hi) {
        if (lo > hi) {
            return new double[] { 0, 0 };
        }
        if (lo < 0 && hi > 0) {
            double m = Math.max(-lo, hi);
            return new double[] { -m, m };
        }
        return new double[] { lo, hi };
    }

    private static int color(Colormap map, double v, double lo, double hi) {
        if (!Double.isFinite(v)) {
            return NAN_ARGB;
        }
        return map.argb(hi > lo ? (v - lo) / (hi - lo) : 0.5);
    }

    private static int byteOf(float v, double lo, double hi) {
        if (!Float.isFinite(v) || !(hi > lo)) {
            return 128;
        }
        return (int) Math.round(Math.max(0, Math.min(1, (v - lo) / (hi - lo))) * 255);
    }

    /** Tiles in a grid with {@link #GAP} pixels of grey between them. */
    private static final class Grid {

        final int width;
        final int[] argb;
        private final int height;

        Grid(int cols, int rows, int tileW, int tileH) {
            width = cols * tileW + (cols - 1) * GAP;
            height = rows * tileH + (rows - 1) * GAP;
            argb = new int[width * height];
            Arrays.fill(argb, GAP_ARGB);
        }

        RgbImage image() {
            return new RgbImage(width, height, argb);
        }
    }
}
