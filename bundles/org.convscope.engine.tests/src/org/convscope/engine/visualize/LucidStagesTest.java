package org.convscope.engine.visualize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The stages of the {@code lucid} preset before the model, each against a direct computation: the
 * FFT against the DFT's definition, the Fourier image against its formula, and every backward pass
 * against finite differences of its forward pass.
 */
class LucidStagesTest {

    private static final SplittableRandom RNG = new SplittableRandom(16);

    private static float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) RNG.nextDouble(-1, 1);
        }
        return a;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void theFftIsTheDftForLengthsOfAnyFactors() {
        for (int n : new int[] { 1, 2, 7, 12, 28, 49, 150, 224 }) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = RNG.nextDouble(-1, 1);
                im[i] = RNG.nextDouble(-1, 1);
            }
            for (boolean inverse : new boolean[] { false, true }) {
                double[] r = re.clone();
                double[] m = im.clone();
                new Fft(n).transform(r, m, inverse);
                for (int k = 0; k < n; k++) {
                    double sr = 0;
                    double si = 0;
                    for (int j = 0; j < n; j++) {
                        double a = (inverse ? 2 : -2) * Math.PI * j * k / n;
                        sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                        si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
                    }
                    assertEquals(sr, r[k], 1e-9 * n, "n " + n + " k " + k);
                    assertEquals(si, m[k], 1e-9 * n, "n " + n + " k " + k);
                }
            }
        }
    }

    /** The image is irfft2d(scale · spectrum) / 4: checked against the sum that defines it. */
    /** The sigmoid's exponential against {@link Math#exp}, over every range a sigmoid meets and beyond. */
    @Test
    void theFastExponentialIsMathExpToTheLastBitsOfAFloat() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            double x = i % 2 == 0 ? r.nextDouble(-30, 30) : r.nextDouble(-700, 700);
            double e = Math.exp(x);
            assertEquals(e, ValidRgb.exp(x), 1e-9 * e, "x " + x);
        }
        assertEquals(0, ValidRgb.exp(-1000));
        assertEquals(Double.POSITIVE_INFINITY, ValidRgb.exp(1000));
        assertEquals(1, ValidRgb.exp(0));
    }

    @Test
    void theFourierImageIsTheScaledInverseRealTransform() {
        for (int[] hw : new int[][] { { 6, 6 }, { 5, 7 }, { 8, 5 } }) {
            int h = hw[0];
            int w = hw[1];
            FourierImage f = new FourierImage(h, w, 1, 1);
            int kw = w / 2 + 1;
            double[] p = new double[f.parameters()];
            for (int i = 0; i < p.length; i++) {
                p[i] = RNG.nextDouble(-1, 1);
            }
            float[] img = new float[h * w];
            f.image(p, 0, img, 0);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0;
                    // the full spectrum: the stored half, and its Hermitian mirror for the rest
                    for (int ky = 0; ky < h; ky++) {
                        for (int kx = 0; kx < w; kx++) {
                            boolean stored = kx < kw;
                            int sy = stored ? ky : (h - ky) % h;
                            int sx = stored ? kx : w - kx;
                            double fy = (sy <= (h - 1) / 2 ? sy : sy - h) / (double) h;
                            double fx = sx / (double) w;
                            double scale = Math.sqrt(h * w) / Math.max(Math.hypot(fx, fy), 1.0 / Math.max(h, w));
                            double re = p[sy * kw + sx] * scale;
                            double im = p[h * kw + sy * kw + sx] * scale * (stored ? 1 : -1);
                            double a = 2 * Math.PI * ((double) ky * y / h + (double) kx * x / w);
                            v += re * Math.cos(a) - im * Math.sin(a);
                        }
                    }
                    v /= h * w * 4.0;
                    assertEquals(v, img[y * w + x], 1e-5, h + "x" + w + " at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void theFourierImagesBackwardIsItsAdjoint() {
        FourierImage f = new FourierImage(10, 9, 3, 1);
        double[] p = new double[f.parameters()];
        for (int i = 0; i < p.length; i++) {
            p[i] = RNG.nextDouble(-1, 1);
        }
        float[] g = random(10 * 9 * 3);
        float[] img = new float[g.length];
        f.image(p, 0, img, 0);
        double[] back = new double[p.length];
        f.backward(g, 0, back, 0);
        double lhs = dot(img, g);
        double rhs = 0;
        for (int i = 0; i < p.length; i++) {
            rhs += p[i] * back[i];
        }
        assertEquals(lhs, rhs, 1e-4 * Math.abs(lhs) + 1e-6);
        // and finite differences on single coefficients (the map is linear: central differences are exact)
        for (int k : new int[] { 0, 7, p.length / 2, p.length - 1 }) {
            double[] q = p.clone();
            q[k] += 0.5;
            float[] up = new float[g.length];
            f.image(q, 0, up, 0);
            q[k] -= 1;
            float[] down = new float[g.length];
            f.image(q, 0, down, 0);
            assertEquals((dot(up, g) - dot(down, g)) / 1, back[k], 1e-3 * Math.abs(back[k]) + 1e-5, "coefficient " + k);
        }
    }

    @Test
    void theColourMatrixIsLucidsNormalisedByItsLargestColumnNorm() {
        double largest = Math.sqrt(0.26 * 0.26 + 0.27 * 0.27 + 0.27 * 0.27);
        assertEquals(0.26 / largest, ValidRgb.MATRIX[0][0], 1e-12);
        assertEquals(0.09 / largest, ValidRgb.MATRIX[0][1], 1e-12);
        assertEquals(-0.05 / largest, ValidRgb.MATRIX[1][2], 1e-12);
        assertEquals(-0.09 / largest, ValidRgb.MATRIX[2][1], 1e-12);
        assertEquals(0.0, ValidRgb.MATRIX[1][1]);
        double norm0 = Math.sqrt(ValidRgb.MATRIX[0][0] * ValidRgb.MATRIX[0][0]
                + ValidRgb.MATRIX[1][0] * ValidRgb.MATRIX[1][0] + ValidRgb.MATRIX[2][0] * ValidRgb.MATRIX[2][0]);
        assertEquals(1, norm0, 1e-12);
    }

    @Test
    void validRgbsBackwardMatchesFiniteDifferences() {
        for (int c : new int[] { 3, 1 }) {
            float[] t = random(4 * c);
            float[] g = random(t.length);
            float[] px = ValidRgb.forward(t, c);
            for (float v : px) {
                assertTrue(v > 0 && v < 1);
            }
            float[] back = ValidRgb.backward(g, px, c);
            for (int k = 0; k < t.length; k++) {
                float[] up = t.clone();
                up[k] += 1e-2f;
                float[] down = t.clone();
                down[k] -= 1e-2f;
                double fd = (dot(ValidRgb.forward(up, c), g) - dot(ValidRgb.forward(down, c), g)) / 2e-2;
                assertEquals(fd, back[k], 1e-4, "channels " + c + " value " + k);
            }
        }
    }

    /** A linear stage's adjoint, by finite differences of {@code <y, stage(x)>} on every input value. */
    private interface Stage {

        float[] run(float[] x);
    }

    private static void checkAdjoint(Stage forward, Stage adjoint, int inputs, int outputs, String what) {
        float[] x = random(inputs);
        float[] y = random(outputs);
        float[] back = adjoint.run(y);
        assertEquals(inputs, back.length, what);
        for (int k = 0; k < inputs; k++) {
            float[] up = x.clone();
            up[k] += 0.25f;
            float[] down = x.clone();
            down[k] -= 0.25f;
            double fd = (dot(forward.run(up), y) - dot(forward.run(down), y)) / 0.5;
            assertEquals(fd, back[k], 1e-4, what + " value " + k);
        }
    }

    @Test
    void everyTransformsBackwardMatchesFiniteDifferences() {
        int s = 7;
        int c = 2;
        int pad = 3;
        int ps = s + 2 * pad;
        checkAdjoint(x -> {
            float[] out = new float[ps * ps * c];
            RobustTransforms.pad(x, 0, s, c, pad, 0.5f, out);
            return out;
        }, g -> {
            float[] out = new float[s * s * c];
            RobustTransforms.padAdjoint(g, s, c, pad, out, 0);
            return out;
        }, s * s * c, ps * ps * c, "pad");
        checkAdjoint(x -> {
            float[] out = new float[4 * 4 * c];
            RobustTransforms.crop(x, s, c, 2, 1, 4, out, 0);
            return out;
        }, g -> {
            float[] out = new float[s * s * c];
            RobustTransforms.cropAdjoint(g, 0, 4, c, 2, 1, s, out);
            return out;
        }, s * s * c, 4 * 4 * c, "jitter (crop)");
        for (double[] sa : new double[][] { { 1.05, 0 }, { 0.95, 0 }, { 1, Math.toRadians(4.2) },
                { 0.975, Math.toRadians(-3.5) } }) {
            checkAdjoint(x -> {
                float[] out = new float[s * s * c];
                RobustTransforms.warp(x, s, c, sa[0], sa[1], 0.5f, out);
                return out;
            }, g -> {
                float[] out = new float[s * s * c];
                RobustTransforms.warpAdjoint(g, s, c, sa[0], sa[1], out);
                return out;
            }, s * s * c, s * s * c, "scale " + sa[0] + ", rotation " + sa[1]);
        }
        // the whole chain, with its random draws, at a size with the full pixel amounts
        int size = RobustTransforms.FULL_SIZE;
        RobustTransforms t = new RobustTransforms(size, 1, 0.5f);
        RobustTransforms.Draw[] d = { t.draw(new SplittableRandom(3)) };
        float[] x = random(size * size);
        float[] y = random(size * size);
        float[] back = t.adjoint(y, d);
        float[] base = t.apply(new float[x.length], d);
        float[] tx = t.apply(x, d);
        double lhs = 0;
        for (int i = 0; i < y.length; i++) {
            lhs += (tx[i] - base[i]) * (double) y[i];
        }
        assertEquals(lhs, dot(x, back), 1e-3);
    }

    @Test
    void aWarpByNothingChangesNothingAndTheChainKeepsTheSize() {
        float[] x = random(9 * 9 * 3);
        float[] out = new float[x.length];
        RobustTransforms.warp(x, 9, 3, 1, 0, 0.5f, out);
        assertArrayEquals(x, out, 1e-6f);
        RobustTransforms t = new RobustTransforms(224, 3, 0.5f);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            RobustTransforms.Draw d = t.draw(r);
            assertTrue(d.y0() >= 0 && d.y0() <= 8 && d.x0() >= 0 && d.x0() <= 8, d.toString());
            assertTrue(Math.abs(Math.toDegrees(d.angle())) <= 5, d.toString());
            // 224 + 24 − 8 = 240 cropped to 224 at the centre ± 2
            assertTrue(d.y1() >= 6 && d.y1() <= 10 && d.x1() >= 6 && d.x1() <= 10, d.toString());
        }
    }

    @Test
    void thePreprocessingsDerivativeIsReadOffExactly() {
        double[][] caffe = LucidAscent.jacobian(Preprocessing.CAFFE, 3);
        assertArrayEquals(new double[] { 0, 0, 1 }, caffe[0], 1e-6);
        assertArrayEquals(new double[] { 0, 1, 0 }, caffe[1], 1e-6);
        assertArrayEquals(new double[] { 1, 0, 0 }, caffe[2], 1e-6);
        assertEquals(1 / 127.5, LucidAscent.jacobian(Preprocessing.TF, 1)[0][0], 1e-7);
        double[][] torch = LucidAscent.jacobian(Preprocessing.TORCH, 3);
        assertEquals(1 / (255 * 0.224), torch[1][1], 1e-5);
        assertEquals(0, torch[0][1], 1e-9);
    }

    @Test
    void theDiversityGradientMatchesFiniteDifferences() {
        int[] shape = { 3, 2, 2, 3 };
        float[] a = random(3 * 2 * 2 * 3);
        a[4] = 0;
        int[] filters = { 5, 5, 5 };
        Diversity d = new Diversity(filters, 1f);
        float[] w = d.weightsData(new Tensor(new float[3], new int[] { 3, 1, 1, 1 }), new Tensor(a, shape));
        for (int k = 0; k < a.length; k++) {
            if (a[k] == 0) {
                assertEquals(0f, w[k], "no gradient where the activation is zero");
                continue;
            }
            float[] up = a.clone();
            up[k] += 1e-3f;
            float[] down = a.clone();
            down[k] -= 1e-3f;
            double fd = (d.penalty(new Tensor(up, shape))[0] - d.penalty(new Tensor(down, shape))[0]) / 2e-3;
            assertEquals(-fd, w[k], 2e-3, "value " + k);
        }
    }
}
