package org.convscope.engine.visualize;

import java.util.ArrayList;
import java.util.List;

/**
 * A complex discrete Fourier transform of one length, any length: mixed radix, recursive over the
 * length's prime factors (a prime factor p costs p² per group, so lengths made of small primes, such
 * as 224 = 2⁵·7 or 150 = 2·3·5², are fast). Unnormalised in both directions: {@code inverse(forward(x))}
 * is {@code n·x}. Not thread-safe: each instance keeps its scratch buffers.
 */
final class Fft {

    private final int n;
    private final int[] factors;
    private final double[] cos;
    private final double[] sin;
    private final double[] scratchRe;
    private final double[] scratchIm;
    private final double[] sumRe;
    private final double[] sumIm;

    Fft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length " + n);
        }
        this.n = n;
        List<Integer> f = new ArrayList<>();
        int rest = n;
        for (int p = 2; p * p <= rest; p++) {
            while (rest % p == 0) {
                f.add(p);
                rest /= p;
            }
        }
        if (rest > 1) {
            f.add(rest);
        }
        factors = f.stream().mapToInt(Integer::intValue).toArray();
        cos = new double[n];
        sin = new double[n];
        for (int k = 0; k < n; k++) {
            double a = -2 * Math.PI * k / n;
            cos[k] = Math.cos(a);
            sin[k] = Math.sin(a);
        }
        scratchRe = new double[n];
        scratchIm = new double[n];
        int largest = 1;
        for (int p : factors) {
            largest = Math.max(largest, p);
        }
        sumRe = new double[largest];
        sumIm = new double[largest];
    }

    int length() {
        return n;
    }

    /**
     * Transforms {@code re + i·im} in place: {@code X[k] = Σ x[j]·e^(∓2πi·jk/n)}, the minus sign
     * for the forward transform.
     */
    void transform(double[] re, double[] im, boolean inverse) {
        recurse(re, im, 0, 1, n, 0, 0, inverse);
        System.arraycopy(scratchRe, 0, re, 0, n);
        System.arraycopy(scratchIm, 0, im, 0, n);
    }

    /**
     * The DFT of the {@code len} values {@code in[off + j·stride]} into
     * {@code scratch[outOff … outOff + len)}.
     */
    private void recurse(double[] re, double[] im, int off, int stride, int len, int outOff, int level,
            boolean inverse) {
        if (len == 1) {
            scratchRe[outOff] = re[off];
            scratchIm[outOff] = im[off];
            return;
        }
        int p = factors[level];
        int m = len / p;
        for (int r = 0; r < p; r++) {
            recurse(re, im, off + r * stride, stride * p, m, outOff + r * m, level + 1, inverse);
        }
        // twiddle step of this level: index t of a length-len transform is index t·(n/len) of ours
        int step = n / len;
        double sign = inverse ? -1 : 1;
        for (int k = 0; k < m; k++) {
            for (int q = 0; q < p; q++) {
                int out = k + q * m;
                double accRe = 0;
                double accIm = 0;
                for (int r = 0; r < p; r++) {
                    int t = (int) ((long) r * out % len) * step;
                    double wr = cos[t];
                    double wi = sign * sin[t];
                    double xr = scratchRe[outOff + r * m + k];
                    double xi = scratchIm[outOff + r * m + k];
                    accRe += xr * wr - xi * wi;
                    accIm += xr * wi + xi * wr;
                }
                sumRe[q] = accRe;
                sumIm[q] = accIm;
            }
            // the outputs of this k only read inputs of this k, so they can overwrite them
            for (int q = 0; q < p; q++) {
                scratchRe[outOff + k + q * m] = sumRe[q];
                scratchIm[outOff + k + q * m] = sumIm[q];
            }
        }
    }
}
