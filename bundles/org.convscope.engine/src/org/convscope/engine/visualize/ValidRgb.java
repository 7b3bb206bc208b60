package org.convscope.engine.visualize;

import java.util.stream.IntStream;

/**
 * Lucid's map from the optimised values to valid pixels: colours decorrelated by the square root
 * of ImageNet's colour correlation (normalised by its largest column norm, so that no colour
 * direction is stretched), then a sigmoid to 0–1. A grey image skips the colour step.
 */
final class ValidRgb {

    /** The square root of ImageNet's colour correlation, as Lucid measured it, rows by output colour. */
    static final double[][] CORRELATION_SQRT = { { 0.26, 0.09, 0.02 }, { 0.27, 0.00, -0.05 },
            { 0.27, -0.09, 0.03 } };
    /** {@link #CORRELATION_SQRT} divided by its largest column norm. */
    static final double[][] MATRIX = normalised(CORRELATION_SQRT);
    /** Pixels per piece of work run in parallel. */
    private static final int CHUNK_PIXELS = 1 << 14;

    private ValidRgb() {
    }

    private static double[][] normalised(double[][] m) {
        double largest = 0;
        for (int j = 0; j < 3; j++) {
            double sq = 0;
            for (int i = 0; i < 3; i++) {
                sq += m[i][j] * m[i][j];
            }
            largest = Math.max(largest, Math.sqrt(sq));
        }
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[i][j] = m[i][j] / largest;
            }
        }
        return out;
    }

    /**
     * @param t        values, {@code channels} per pixel
     * @param channels 3, or 1 for grey
     * @return pixels in 0–1, the same layout
     */
    static float[] forward(float[] t, int channels) {
        float[] out = new float[t.length];
        inChunks(t.length, channels, (from, to) -> {
            if (channels == 3) {
                for (int i = from; i < to; i += 3) {
                    for (int o = 0; o < 3; o++) {
                        double v = MATRIX[o][0] * t[i] + MATRIX[o][1] * t[i + 1] + MATRIX[o][2] * t[i + 2];
                        out[i + o] = (float) sigmoid(v);
                    }
                }
            } else {
                for (int i = from; i < to; i++) {
                    out[i] = (float) sigmoid(t[i]);
                }
            }
        });
        return out;
    }

    /**
     * @param g        the gradient with respect to {@link #forward}'s pixels
     * @param pixels   what {@link #forward} returned
     * @return the gradient with respect to its values
     */
    static float[] backward(float[] g, float[] pixels, int channels) {
        float[] out = new float[g.length];
        inChunks(g.length, channels, (from, to) -> {
            if (channels == 3) {
                for (int i = from; i < to; i += 3) {
                    for (int o = 0; o < 3; o++) {
                        double s = pixels[i + o];
                        double d = g[i + o] * s * (1 - s);
                        for (int j = 0; j < 3; j++) {
                            out[i + j] += (float) (MATRIX[o][j] * d);
                        }
                    }
                }
            } else {
                for (int i = from; i < to; i++) {
                    double s = pixels[i];
                    out[i] = (float) (g[i] * s * (1 - s));
                }
            }
        });
        return out;
    }

    /** A range of values, whole pixels, {@code [from, to)}. */
    private interface Chunk {

        void run(int from, int to);
    }

    /**
     * Runs {@code chunk} over {@code length} values in parallel pieces of whole pixels: a batch of
     * 16 patterns at 224² is 2.4 million values, a sigmoid each, at every step.
     */
    private static void inChunks(int length, int channels, Chunk chunk) {
        int piece = CHUNK_PIXELS * channels;
        IntStream.range(0, (length + piece - 1) / piece).parallel()
                .forEach(k -> chunk.run(k * piece, Math.min(length, (k + 1) * piece)));
    }

    private static double sigmoid(double v) {
        return 1 / (1 + exp(-v));
    }

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 in two parts, the first with its low bits zero, so that k · LN2_HI is exact. */
    private static final double LN2_HI = 0.6931471803691238;
    private static final double LN2_LO = 1.9082149292705877e-10;

    /**
     * e^x within 3e-10 relative, far below a float's precision (the pixels are floats), in
     * arithmetic the JIT inlines: x = k·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor polynomial
     * of degree 8 (remainder below 2e-10), times 2^k made from its exponent bits. The lucid preset
     * takes a sigmoid of every value of every image on every step; with {@link Math#exp} the image
     * stage of a batch of four at 224² took 4.6–5.8 ms, with this 3.0 (one machine, under load).
     */
    static double exp(double x) {
        if (x < -700) {
            return 0;
        }
        if (x > 700) {
            return Double.POSITIVE_INFINITY;
        }
        double k = Math.rint(x * LOG2E);
        double r = x - k * LN2_HI - k * LN2_LO;
        double p = 1 + r * (1 + r * (1 / 2.0 + r * (1 / 6.0 + r * (1 / 24.0 + r * (1 / 120.0
                + r * (1 / 720.0 + r * (1 / 5040.0 + r * (1 / 40320.0))))))));
        return p * Double.longBitsToDouble((long) (k + 1023) << 52);
    }
}
