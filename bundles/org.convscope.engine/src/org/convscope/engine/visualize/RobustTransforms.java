package org.convscope.engine.visualize;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Lucid's standard transforms, drawn afresh before every step so that a pattern must survive small
 * changes of where and how large it is: pad 12 (grey), jitter 8, scale by one of
 * {1, 0.975, 1.025, 0.95, 1.05}, rotate by −5…5 degrees, jitter 4. A jitter of d is a crop that
 * is d pixels smaller, at a random offset; the last one crops back to the input size the model
 * takes, so every step feeds the same shape. Scale and rotation are one bilinear resampling about
 * the centre. Below {@value #FULL_SIZE} pixels the pixel amounts shrink in proportion (a 28-pixel
 * digit is not padded by 12).
 *
 * <p>Every stage is linear in the image, and each has its adjoint here: the gradient with respect to
 * the transformed image becomes one with respect to the image.
 */
final class RobustTransforms {

    /** Images at least this large get the transforms' full pixel amounts. */
    static final int FULL_SIZE = 128;
    static final double[] SCALES = { 1, 0.975, 1.025, 0.95, 1.05 };
    static final double MAX_DEGREES = 5;

    /** The value outside the image, in the units of the transformed values (grey for 0–1). */
    private final float fill;
    private final int size;
    private final int channels;
    private final int pad;
    private final int jitter;
    private final int finalJitter;
    /**
     * Per thread (the items of a batch are transformed side by side): the padded image, the first
     * crop and the warped crop.
     */
    private final ThreadLocal<float[][]> scratch;

    /**
     * One draw of the random parts for one image.
     *
     * @param y0     first jitter's crop offset, rows
     * @param x0     its columns
     * @param scale  the scale factor
     * @param angle  the rotation, radians
     * @param y1     the last crop's offset, rows
     * @param x1     its columns
     */
    record Draw(int y0, int x0, double scale, double angle, int y1, int x1) {
    }

    /**
     * @param size     side of the square image, before and after
     * @param channels values per pixel
     * @param fill     the padding's value
     */
    RobustTransforms(int size, int channels, float fill) {
        this.size = size;
        this.channels = channels;
        this.fill = fill;
        double f = Math.min(1, size / (double) FULL_SIZE);
        pad = (int) Math.round(12 * f);
        jitter = (int) Math.round(8 * f);
        finalJitter = (int) Math.round(4 * f);
        int padded = size + 2 * pad;
        int cropped = padded - jitter;
        scratch = ThreadLocal.withInitial(() -> new float[][] { new float[padded * padded * channels],
                new float[cropped * cropped * channels], new float[cropped * cropped * channels] });
    }

    /** @return a draw for one image from {@code rng} */
    Draw draw(SplittableRandom rng) {
        int cropped = size + 2 * pad - jitter;
        int base = (cropped - size - finalJitter) / 2;
        return new Draw(rng.nextInt(jitter + 1), rng.nextInt(jitter + 1), SCALES[rng.nextInt(SCALES.length)],
                Math.toRadians(rng.nextDouble(-MAX_DEGREES, MAX_DEGREES)), base + rng.nextInt(finalJitter + 1),
                base + rng.nextInt(finalJitter + 1));
    }

    /**
     * @param images n images of {@code size²·channels} values
     * @return the n transformed images, the same shape
     */
    float[] apply(float[] images, Draw[] draws) {
        int per = size * size * channels;
        int padded = size + 2 * pad;
        int cropped = padded - jitter;
        float[] out = new float[images.length];
        IntStream.range(0, draws.length).parallel().forEach(n -> {
            float[][] b = scratch.get();
            Draw d = draws[n];
            pad(images, n * per, size, channels, pad, fill, b[0]);
            crop(b[0], padded, channels, d.y0(), d.x0(), cropped, b[1], 0);
            warp(b[1], cropped, channels, d.scale(), d.angle(), fill, b[2]);
            crop(b[2], cropped, channels, d.y1(), d.x1(), size, out, n * per);
        });
        return out;
    }

    /** @return the gradient with respect to {@link #apply}'s images, given that of its result */
    float[] adjoint(float[] g, Draw[] draws) {
        int per = size * size * channels;
        int padded = size + 2 * pad;
        int cropped = padded - jitter;
        float[] out = new float[g.length];
        IntStream.range(0, draws.length).parallel().forEach(n -> {
            float[][] b = scratch.get();
            Draw d = draws[n];
            cropAdjoint(g, n * per, size, channels, d.y1(), d.x1(), cropped, b[2]);
            warpAdjoint(b[2], cropped, channels, d.scale(), d.angle(), b[1]);
            cropAdjoint(b[1], 0, cropped, channels, d.y0(), d.x0(), padded, b[0]);
            padAdjoint(b[0], size, channels, pad, out, n * per);
        });
        return out;
    }

    /** Pads one image of side {@code s} by {@code pad} on every side with {@code fill}, into {@code out}. */
    static void pad(float[] in, int inOff, int s, int c, int pad, float fill, float[] out) {
        int ps = s + 2 * pad;
        Arrays.fill(out, 0, ps * ps * c, fill);
        for (int y = 0; y < s; y++) {
            System.arraycopy(in, inOff + y * s * c, out, ((y + pad) * ps + pad) * c, s * c);
        }
    }

    /** The adjoint of {@link #pad}: the padded gradient's interior. */
    static void padAdjoint(float[] g, int s, int c, int pad, float[] out, int outOff) {
        int ps = s + 2 * pad;
        for (int y = 0; y < s; y++) {
            System.arraycopy(g, ((y + pad) * ps + pad) * c, out, outOff + y * s * c, s * c);
        }
    }

    /** Crops the side-{@code s} window at ({@code y0}, {@code x0}) out of an image of side {@code from}. */
    static void crop(float[] in, int from, int c, int y0, int x0, int s, float[] out, int outOff) {
        for (int y = 0; y < s; y++) {
            System.arraycopy(in, ((y + y0) * from + x0) * c, out, outOff + y * s * c, s * c);
        }
    }

    /** The adjoint of {@link #crop}: the window's gradient put back in place, zero elsewhere. */
    static void cropAdjoint(float[] g, int gOff, int s, int c, int y0, int x0, int into, float[] out) {
        Arrays.fill(out, 0, into * into * c, 0f);
        for (int y = 0; y < s; y++) {
            System.arraycopy(g, gOff + y * s * c, out, ((y + y0) * into + x0) * c, s * c);
        }
    }

    /**
     * Scales by {@code scale} and rotates by {@code angle} about the centre, same size, bilinear;
     * what comes from outside the image is {@code fill}.
     */
    static void warp(float[] in, int s, int c, double scale, double angle, float fill, float[] out) {
        Sampler k = new Sampler(s, scale, angle);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                k.at(y, x);
                int o = (y * s + x) * c;
                for (int ch = 0; ch < c; ch++) {
                    double v = 0;
                    for (int q = 0; q < 4; q++) {
                        v += k.weight[q] * (k.index[q] < 0 ? fill : in[k.index[q] * c + ch]);
                    }
                    out[o + ch] = (float) v;
                }
            }
        }
    }

    /** The adjoint of {@link #warp} with respect to its image (the fill has no gradient). */
    static void warpAdjoint(float[] g, int s, int c, double scale, double angle, float[] out) {
        Arrays.fill(out, 0, s * s * c, 0f);
        Sampler k = new Sampler(s, scale, angle);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int o = (y * s + x) * c;
                if (k.inside(y, x)) {
                    // the four pixels all in the image (most of them): no border tests, one
                    // gradient value read once for its four pixels
                    int a = k.index[0] * c;
                    int b = a + c;
                    int d = a + s * c;
                    int e = d + c;
                    for (int ch = 0; ch < c; ch++) {
                        double v = g[o + ch];
                        out[a + ch] += (float) (k.weight[0] * v);
                        out[b + ch] += (float) (k.weight[1] * v);
                        out[d + ch] += (float) (k.weight[2] * v);
                        out[e + ch] += (float) (k.weight[3] * v);
                    }
                    continue;
                }
                k.at(y, x);
                for (int q = 0; q < 4; q++) {
                    if (k.index[q] >= 0) {
                        for (int ch = 0; ch < c; ch++) {
                            out[k.index[q] * c + ch] += (float) (k.weight[q] * g[o + ch]);
                        }
                    }
                }
            }
        }
    }

    /** Where output pixel (y, x) of a warp reads: four source pixels (−1 outside) and their weights. */
    private static final class Sampler {

        private final int s;
        private final double cos;
        private final double sin;
        private final double inverse;
        private final double centre;
        final int[] index = new int[4];
        final double[] weight = new double[4];
        private int y0;
        private int x0;
        private double fy;
        private double fx;

        Sampler(int s, double scale, double angle) {
            this.s = s;
            cos = Math.cos(angle);
            sin = Math.sin(angle);
            inverse = 1 / scale;
            centre = s / 2.0;
        }

        /**
         * Where output pixel (y, x) reads, as {@link #at} says, when its four source pixels all lie
         * in the image: then {@code index[0]} is the first and the weights are set; else false.
         */
        boolean inside(int y, int x) {
            locate(y, x);
            if (y0 < 0 || x0 < 0 || y0 + 1 >= s || x0 + 1 >= s) {
                return false;
            }
            index[0] = y0 * s + x0;
            weight[0] = (1 - fy) * (1 - fx);
            weight[1] = (1 - fy) * fx;
            weight[2] = fy * (1 - fx);
            weight[3] = fy * fx;
            return true;
        }

        void at(int y, int x) {
            locate(y, x);
            set(0, y0, x0, (1 - fy) * (1 - fx));
            set(1, y0, x0 + 1, (1 - fy) * fx);
            set(2, y0 + 1, x0, fy * (1 - fx));
            set(3, y0 + 1, x0 + 1, fy * fx);
        }

        /** The source point of output pixel (y, x): its top left pixel and the fractions beyond it. */
        private void locate(int y, int x) {
            // pixel centres at +0.5; the source point is the output point turned back and unscaled
            double dy = y + 0.5 - centre;
            double dx = x + 0.5 - centre;
            double sy = (cos * dy - sin * dx) * inverse + centre - 0.5;
            double sx = (sin * dy + cos * dx) * inverse + centre - 0.5;
            y0 = (int) Math.floor(sy);
            x0 = (int) Math.floor(sx);
            fy = sy - y0;
            fx = sx - x0;
        }

        private void set(int q, int y, int x, double w) {
            index[q] = y < 0 || x < 0 || y >= s || x >= s ? -1 : y * s + x;
            weight[q] = w;
        }
    }
}
