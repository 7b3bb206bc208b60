package org.convscope.core.image;

/**
 * Resizing that reproduces Pillow's {@code Image.resize} on 8-bit images bit for bit, since Keras's
 * {@code load_img} resizes through it and a model's activations depend on every input pixel.
 *
 * <p>Nearest: Pillow's affine scaling, {@code src = floor((i + 0.5)·in/out)} with the position
 * accumulated in double steps exactly as its C loop does. Bilinear: Pillow's separable
 * convolution, horizontal pass first then vertical, with a triangle filter whose support grows by
 * {@code in/out} when shrinking, weights normalised per output pixel and converted to 22-bit
 * fixed point, and each pass rounded and clipped to 8 bits.
 */
final class PilResize {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PilResize() {
    }

    static Raster8 resize(Raster8 r, int width, int height, Interpolation how) {
        if (r.width() == width && r.height() == height) {
            return r;
        }
        return how == Interpolation.NEAREST ? nearest(r, width, height) : bilinear(r, width, height);
    }

    private static Raster8 nearest(Raster8 r, int width, int height) {
        int ch = r.channels();
        int[] xs = positions(r.width(), width);
        int[] ys = positions(r.height(), height);
        byte[] src = r.data();
        byte[] out = new byte[width * height * ch];
        for (int y = 0; y < height; y++) {
            int rowIn = ys[y] * r.width();
            for (int x = 0; x < width; x++) {
                System.arraycopy(src, (rowIn + xs[x]) * ch, out, (y * width + x) * ch, ch);
            }
        }
        return new Raster8(width, height, ch, out);
    }

    /** Pillow's {@code ImagingScaleAffine} table: the step is added, not multiplied, as there. */
    private static int[] positions(int in, int out) {
        double step = (double) in / out;
        double pos = step * 0.5;
        int[] table = new int[out];
        for (int i = 0; i < out; i++) {
            int p = pos < 0 ? -1 : (int) pos;
            table[i] = Math.min(in - 1, Math.max(0, p));
            pos += step;
        }
        return table;
    }

    /** One axis's filter: for each output index the first source index, the tap count and fixed-point weights. */
    private record Coefficients(int[] start, int[] taps, int[][] weights) {
    }

    private static Coefficients coefficients(int in, int out) {
        double scale = (double) in / out;
        double filterScale = Math.max(1.0, scale);
        double support = 1.0 * filterScale;
        int[] start = new int[out];
        int[] taps = new int[out];
        int[][] weights = new int[out][];
        for (int i = 0; i < out; i++) {
            double center = (i + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(in, (int) (center + support + 0.5)) - xmin;
            double[] k = new double[Math.max(0, xmax)];
            double total = 0;
            for (int x = 0; x < xmax; x++) {
                double w = triangle((x + xmin - center + 0.5) * ss);
                k[x] = w;
                total += w;
            }
            int[] fixed = new int[k.length];
            for (int x = 0; x < k.length; x++) {
                double w = total != 0.0 ? k[x] / total : k[x];
                fixed[x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
            }
            start[i] = xmin;
            taps[i] = k.length;
            weights[i] = fixed;
        }
        return new Coefficients(start, taps, weights);
    }

    private static double triangle(double x) {
        x = Math.abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static int clip8(long v) {
        if (v >= 1L << PRECISION_BITS << 8) {
            return 255;
        }
        if (v <= 0) {
            return 0;
        }
        return (int) (v >> PRECISION_BITS);
    }

    private static Raster8 bilinear(Raster8 r, int width, int height) {
        Raster8 out = r;
        if (width != r.width()) {
            out = horizontal(out, width);
        }
        if (height != r.height()) {
            out = vertical(out, height);
        }
        return out;
    }

    private static Raster8 horizontal(Raster8 r, int width) {
        Coefficients k = coefficients(r.width(), width);
        int ch = r.channels();
        byte[] src = r.data();
        byte[] dst = new byte[width * r.height() * ch];
        for (int y = 0; y < r.height(); y++) {
            int row = y * r.width();
            for (int x = 0; x < width; x++) {
                int[] w = k.weights()[x];
                for (int c = 0; c < ch; c++) {
                    long ss = 1L << (PRECISION_BITS - 1);
                    for (int t = 0; t < k.taps()[x]; t++) {
                        ss += (src[(row + k.start()[x] + t) * ch + c] & 0xFF) * (long) w[t];
                    }
                    dst[(y * width + x) * ch + c] = (byte) clip8(ss);
                }
            }
        }
        return new Raster8(width, r.height(), ch, dst);
    }

    private static Raster8 vertical(Raster8 r, int height) {
        Coefficients k = coefficients(r.height(), height);
        int ch = r.channels();
        int w = r.width();
        byte[] src = r.data();
        byte[] dst = new byte[w * height * ch];
        for (int y = 0; y < height; y++) {
            int[] wt = k.weights()[y];
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    long ss = 1L << (PRECISION_BITS - 1);
                    for (int t = 0; t < k.taps()[y]; t++) {
                        ss += (src[((k.start()[y] + t) * w + x) * ch + c] & 0xFF) * (long) wt[t];
                    }
                    dst[(y * w + x) * ch + c] = (byte) clip8(ss);
                }
            }
        }
        return new Raster8(w, height, ch, dst);
    }
}
