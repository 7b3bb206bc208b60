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
    private final double[] colRe;
    private final double[] colIm;

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
        colRe = new double[Math.max(h, w)];
        colIm = new double[Math.max(h, w)];
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
            // inverse along y, one column kx at a time
            for (int kx = 0; kx < kw; kx++) {
                for (int ky = 0; ky < h; ky++) {
                    colRe[ky] = re[ky * kw + kx];
                    colIm[ky] = im[ky * kw + kx];
                }
                columns.transform(colRe, colIm, true);
                for (int y = 0; y < h; y++) {
                    re[y * kw + kx] = colRe[y];
                    im[y * kw + kx] = colIm[y];
                }
            }
            // then along x over the full row, the missing half standing in through the fold of 2
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    colRe[x] = x < kw ? re[y * kw + x] * fold[x] : 0;
                    colIm[x] = x < kw ? im[y * kw + x] * fold[x] : 0;
                }
                rows.transform(colRe, colIm, true);
                for (int x = 0; x < w; x++) {
                    out[outOff + (y * w + x) * c + ch] = (float) colRe[x];
                }
            }
        }
    }

    /**
     * The adjoint of {@link #image}: adds to {@code grad} (from {@code pOff}) the gradient with
     * respect to the parameters, given {@code g}, the gradient with respect to the image.
     */
    void backward(float[] g, int gOff, double[] grad, int pOff) {
        int plane = h * kw;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    colRe[x] = g[gOff + (y * w + x) * c + ch];
                    colIm[x] = 0;
                }
                rows.transform(colRe, colIm, false);
                for (int kx = 0; kx < kw; kx++) {
                    re[y * kw + kx] = colRe[kx] * fold[kx];
                    im[y * kw + kx] = colIm[kx] * fold[kx];
                }
            }
            int reOff = pOff + ch * plane;
            int imOff = pOff + (c + ch) * plane;
            for (int kx = 0; kx < kw; kx++) {
                for (int y = 0; y < h; y++) {
                    colRe[y] = re[y * kw + kx];
                    colIm[y] = im[y * kw + kx];
                }
                columns.transform(colRe, colIm, false);
                for (int ky = 0; ky < h; ky++) {
                    int k = ky * kw + kx;
                    grad[reOff + k] += colRe[ky] * gain[k];
                    grad[imOff + k] += colIm[ky] * gain[k];
                }
            }
        }
    }
}
