package org.convscope.engine.visualize;

/**
 * Lucid's Fourier parameterisation of an image (Olah et al., "Feature Visualization", 2017): the
 * parameters are the real and imaginary parts of each channel's half spectrum, an image is
 * {@code irfft2d(scale · spectrum) / 4}, where {@code scale = √(h·w) / max(f, 1/max(h, w))^decay}
 * and f is a coefficient's frequency in cycles per pixel. Low frequencies thus move the image as
 * much as the few high ones do, so gradient steps stop producing high-frequency noise.
 *
 * <p>Parameters of one image are laid out as {@code [part][channel][ky][kx]}, part 0 real and 1
 * imaginary, {@code kx} from 0 to {@code w/2}. Both directions are linear, and {@link #backward} is
 * exactly the adjoint of {@link #image}, so a gradient with respect to the image becomes one with
 * respect to the parameters.
 */
final class FourierImage {

    /** Lucid's constant: the spectrum's image is divided by 4. */
    private static final double SHRINK = 4;

    private final int h;
    private final int w;
    private final int c;
    private final int kw;
    /** Per (ky, kx): the spectrum scale times the 1/(h·w) of the inverse transform and 1/4. */
    private final double[] gain;
    /** Per kx: 1 for the columns that stand for themselves (0, and w/2 when w is even), else 2. */
    private final double[] fold;
    private final Fft rows;
    private final Fft columns;
    private final double[] re;
    private final double[] im;
    /** Pairs of image rows, one sequence each: ⌈h/2⌉. */
    private final int pairs;
    /** Row spectra and images, (x, pair). */
    private final double[] rowRe;
    private final double[] rowIm;

    FourierImage(int height, int width, int channels, double decay) {
        h = height;
        w = width;
        c = channels;
        kw = w / 2 + 1;
        gain = new double[h * kw];
        fold = new double[kw];
        for (int kx = 0; kx < kw; kx++) {
            fold[kx] = kx == 0 || w % 2 == 0 && kx == w / 2 ? 1 : 2;
        }
        double floor = 1.0 / Math.max(h, w);
        for (int ky = 0; ky < h; ky++) {
            double fy = (ky <= (h - 1) / 2 ? ky : ky - h) / (double) h;
            for (int kx = 0; kx < kw; kx++) {
                double fx = kx / (double) w;
                double f = Math.max(Math.sqrt(fx * fx + fy * fy), floor);
                gain[ky * kw + kx] = Math.sqrt((double) h * w) / Math.pow(f, decay) / (h * (double) w) / SHRINK;
            }
        }
        rows = new Fft(w);
        columns = new Fft(h);
        re = new double[h * kw];
        im = new double[h * kw];
        pairs = (h + 1) / 2;
        rowRe = new double[w * pairs];
        rowIm = new double[w * pairs];
    }

    /** @return parameters per image: 2 · channels · h · (w/2 + 1) */
    int parameters() {
        return 2 * c * h * kw;
    }

    /**
     * @param p      the parameters of one image, from {@code pOff}
     * @param out    receives the image, (h, w, c) interleaved, from {@code outOff}
     */
    void image(double[] p, int pOff, float[] out, int outOff) {
        int plane = h * kw;
        for (int ch = 0; ch < c; ch++) {
            int reOff = pOff + ch * plane;
            int imOff = pOff + (c + ch) * plane;
            for (int k = 0; k < plane; k++) {
                re[k] = p[reOff + k] * gain[k];
                im[k] = p[imOff + k] * gain[k];
            }
            // inverse along y: the plane is (ky, kx), every column kx a sequence
            columns.transformMany(re, im, kw, true);
            // then along x, two rows per sequence: each row's spectrum made whole (Hermitian), so
            // that its image is real; row 2·i as the real part of sequence i, row 2·i + 1 as the
            // imaginary; laid out (x, i)
            for (int i = 0; i < pairs; i++) {
                int y = 2 * i;
                boolean second = y + 1 < h;
                for (int x = 0; x < w; x++) {
                    int j = x < kw ? x : w - x;
                    double ar = re[y * kw + j];
                    double ai = whole(x, im[y * kw + j]);
                    double br = second ? re[(y + 1) * kw + j] : 0;
                    double bi = second ? whole(x, im[(y + 1) * kw + j]) : 0;
                    rowRe[x * pairs + i] = ar - bi;
                    rowIm[x * pairs + i] = ai + br;
                }
            }
            rows.transformMany(rowRe, rowIm, pairs, true);
            for (int y = 0; y < h; y++) {
                double[] from = y % 2 == 0 ? rowRe : rowIm;
                int i = y / 2;
                for (int x = 0; x < w; x++) {
                    out[outOff + (y * w + x) * c + ch] = (float) from[x * pairs + i];
                }
            }
        }
    }

    /**
     * @param v the imaginary part of half-spectrum column {@code x} (or of its mirror, beyond it)
     * @return the imaginary part of column x of the whole Hermitian spectrum: none at 0 and at
     *         w/2, mirrored columns conjugate. The real part of the half spectrum's inverse,
     *         which is what the image is, is exactly this spectrum's inverse.
     */
    private double whole(int x, double v) {
        if (x == 0 || 2 * x == w) {
            return 0;
        }
        return x < kw ? v : -v;
    }

    /**
     * The adjoint of {@link #image}: adds to {@code grad} (from {@code pOff}) the gradient with
     * respect to the parameters, given {@code g}, the gradient with respect to the image.
     */
    void backward(float[] g, int gOff, double[] grad, int pOff) {
        int plane = h * kw;
        for (int ch = 0; ch < c; ch++) {
            // two real rows per sequence, row 2·i as the real part and 2·i + 1 as the imaginary:
            // each one's spectrum is told apart by the conjugate symmetry of a real row's
            for (int y = 0; y < h; y++) {
                double[] to = y % 2 == 0 ? rowRe : rowIm;
                int i = y / 2;
                for (int x = 0; x < w; x++) {
                    to[x * pairs + i] = g[gOff + (y * w + x) * c + ch];
                }
            }
            if (h % 2 == 1) {
                for (int x = 0; x < w; x++) {
                    rowIm[x * pairs + pairs - 1] = 0;
                }
            }
            rows.transformMany(rowRe, rowIm, pairs, false);
            for (int i = 0; i < pairs; i++) {
                int y = 2 * i;
                for (int kx = 0; kx < kw; kx++) {
                    int m = (w - kx) % w;
                    double a = rowRe[kx * pairs + i];
                    double b = rowIm[kx * pairs + i];
                    double cc = rowRe[m * pairs + i];
                    double d = rowIm[m * pairs + i];
                    re[y * kw + kx] = (a + cc) / 2 * fold[kx];
                    im[y * kw + kx] = (b - d) / 2 * fold[kx];
                    if (y + 1 < h) {
                        re[(y + 1) * kw + kx] = (b + d) / 2 * fold[kx];
                        im[(y + 1) * kw + kx] = (cc - a) / 2 * fold[kx];
                    }
                }
            }
            columns.transformMany(re, im, kw, false);
            int reOff = pOff + ch * plane;
            int imOff = pOff + (c + ch) * plane;
            for (int k = 0; k < plane; k++) {
                grad[reOff + k] += re[k] * gain[k];
                grad[imOff + k] += im[k] * gain[k];
            }
        }
    }
}
