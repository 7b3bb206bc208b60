package org.convscope.engine.visualize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A complex discrete Fourier transform of one length, any length: mixed radix over the length's
 * prime factors (a prime factor p costs p²/2 per group, so lengths made of small primes, such as
 * 224 = 2⁵·7 or 150 = 2·3·5², are fast). Unnormalised in both directions: {@code inverse(forward(x))}
 * is {@code n·x}. Not thread-safe: each instance keeps its scratch buffers.
 *
 * <p>The {@code lucid} preset runs about two thousand transforms per image and step, so the
 * transform is iterative with every index computed once in the constructor, and it transforms many
 * sequences at once ({@link #transformMany}) with the sequences innermost: every loop that does
 * arithmetic then runs along contiguous values, which the JIT compiles to vector instructions,
 * and the rows and columns of an image are transformed without gathering them one by one.
 */
final class Fft {

    private final int n;
    /** Prime factors, outermost first; the innermost stage runs first. */
    private final int[] factors;
    /** Where each position of the first stage reads its input: the mixed-radix digit reversal. */
    private final int[] order;
    /** e^(−2πi·k/n) for k < n. */
    private final double[] cos;
    private final double[] sin;
    /** Per factor p: (r·q mod p)·(n/p), the root of unity of term r of output q of a length-p DFT. */
    private final int[][] small;
    private final int largest;
    private int capacity;
    private double[] scratchRe;
    private double[] scratchIm;
    /** The p terms of one odd-radix group, then its four partial sums. */
    private double[] termRe;
    private double[] termIm;
    private double[] sums;

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
        order = new int[n];
        digitReversal(0, 1, n, 0, 0);
        int most = 1;
        small = new int[factors.length][];
        for (int level = 0; level < factors.length; level++) {
            int p = factors[level];
            most = Math.max(most, p);
            small[level] = new int[p * p];
            for (int r = 0; r < p; r++) {
                for (int q = 0; q < p; q++) {
                    small[level][r * p + q] = r * q % p * (n / p);
                }
            }
        }
        largest = most;
    }

    /**
     * Decimation in time: the length-{@code len} transform of the inputs {@code off + j·stride},
     * written from {@code outOff}, is made of p transforms of every p-th of them side by side.
     */
    private void digitReversal(int off, int stride, int len, int outOff, int level) {
        if (len == 1) {
            order[outOff] = off;
            return;
        }
        int p = factors[level];
        int m = len / p;
        for (int r = 0; r < p; r++) {
            digitReversal(off + r * stride, stride * p, m, outOff + r * m, level + 1);
        }
    }

    int length() {
        return n;
    }

    /**
     * Transforms {@code re + i·im} in place: {@code X[k] = Σ x[j]·e^(∓2πi·jk/n)}, the minus sign
     * for the forward transform.
     */
    void transform(double[] re, double[] im, boolean inverse) {
        transformMany(re, im, 1, inverse);
    }

    /**
     * Transforms {@code count} sequences in place, each as {@link #transform} would: value j of
     * sequence s is {@code re[j·count + s] + i·im[j·count + s]}.
     */
    void transformMany(double[] re, double[] im, int count, boolean inverse) {
        if (count > capacity) {
            capacity = count;
            scratchRe = new double[n * count];
            scratchIm = new double[n * count];
            termRe = new double[largest * count];
            termIm = new double[largest * count];
            sums = new double[4 * count];
        }
        double[] sr = scratchRe;
        double[] si = scratchIm;
        for (int i = 0; i < n; i++) {
            System.arraycopy(re, order[i] * count, sr, i * count, count);
            System.arraycopy(im, order[i] * count, si, i * count, count);
        }
        double sign = inverse ? -1 : 1;
        int len = 1;
        for (int level = factors.length - 1; level >= 0; level--) {
            int p = factors[level];
            int m = len;
            len *= p;
            // term r of output k + q·m is x_r·W_len^(r·k) · W_p^(r·q); W_len^j is W_n^(j·n/len)
            int step = n / len;
            for (int block = 0; block < n; block += len) {
                for (int k = 0; k < m; k++) {
                    if (p == 2) {
                        butterfly((block + k) * count, (block + k + m) * count, count, k * step, sign);
                    } else {
                        odd(p, small[level], sign, block + k, m, k * step, count);
                    }
                }
            }
        }
        System.arraycopy(sr, 0, re, 0, n * count);
        System.arraycopy(si, 0, im, 0, n * count);
    }

    /** The radix-2 step on the rows at {@code a} and {@code b}: (x_a + W^t·x_b, x_a − W^t·x_b). */
    private void butterfly(int a, int b, int count, int t, double sign) {
        double[] sr = scratchRe;
        double[] si = scratchIm;
        double wr = cos[t];
        double wi = sign * sin[t];
        for (int s = 0; s < count; s++) {
            double xr = sr[b + s] * wr - si[b + s] * wi;
            double xi = sr[b + s] * wi + si[b + s] * wr;
            sr[b + s] = sr[a + s] - xr;
            si[b + s] = si[a + s] - xi;
            sr[a + s] += xr;
            si[a + s] += xi;
        }
    }

    /**
     * The length-p step (p odd) of the group whose first row is {@code first}, rows {@code m}
     * apart: terms r and p−r meet conjugate roots, so each pair of outputs q, p−q shares one sum
     * over half the terms.
     */
    private void odd(int p, int[] roots, double sign, int first, int m, int t, int count) {
        double[] sr = scratchRe;
        double[] si = scratchIm;
        double[] xr = termRe;
        double[] xi = termIm;
        for (int r = 0; r < p; r++) {
            int row = (first + r * m) * count;
            double wr = cos[r * t];
            double wi = sign * sin[r * t];
            for (int s = 0; s < count; s++) {
                xr[r * count + s] = sr[row + s] * wr - si[row + s] * wi;
                xi[r * count + s] = sr[row + s] * wi + si[row + s] * wr;
            }
        }
        int half = p / 2;
        int out0 = first * count;
        for (int s = 0; s < count; s++) {
            double accRe = xr[s];
            double accIm = xi[s];
            for (int r = 1; r < p; r++) {
                accRe += xr[r * count + s];
                accIm += xi[r * count + s];
            }
            sr[out0 + s] = accRe;
            si[out0 + s] = accIm;
        }
        double[] acc = sums;
        for (int q = 1; q <= half; q++) {
            System.arraycopy(xr, 0, acc, 0, count);
            System.arraycopy(xi, 0, acc, count, count);
            Arrays.fill(acc, 2 * count, 4 * count, 0);
            for (int r = 1; r <= half; r++) {
                int root = roots[r * p + q];
                double c = cos[root];
                double sn = sign * sin[root];
                int lo = r * count;
                int hi = (p - r) * count;
                for (int s = 0; s < count; s++) {
                    acc[s] += (xr[lo + s] + xr[hi + s]) * c;
                    acc[count + s] += (xi[lo + s] + xi[hi + s]) * c;
                    acc[2 * count + s] -= (xi[lo + s] - xi[hi + s]) * sn;
                    acc[3 * count + s] += (xr[lo + s] - xr[hi + s]) * sn;
                }
            }
            int up = (first + q * m) * count;
            int down = (first + (p - q) * m) * count;
            for (int s = 0; s < count; s++) {
                sr[up + s] = acc[s] + acc[2 * count + s];
                si[up + s] = acc[count + s] + acc[3 * count + s];
                sr[down + s] = acc[s] - acc[2 * count + s];
                si[down + s] = acc[count + s] - acc[3 * count + s];
            }
        }
    }
}
