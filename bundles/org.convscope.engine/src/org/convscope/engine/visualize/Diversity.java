package org.convscope.engine.visualize;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.tensor.Tensor;

/**
 * Lucid's diversity penalty: within a group of images (here: the copies of one filter), the mean
 * over pairs of the cosine similarity of their Gram matrices at the layer, {@code D = (1/B) Σ_i Σ_{j≠i}
 * ⟨Ĝ_i, Ĝ_j⟩} with {@code Ĝ = G/‖G‖} and {@code G = Fᵀ·F} over the layer's positions. The objective
 * becomes {@code objective − weight·D}.
 *
 * <p>The engine differentiates a weighted sum of the layer's output. A non-linear penalty fits that
 * form at the current point: its gradient with respect to the activation, computed here, is the
 * weight to put on the activation, and the engine's chain rule does the rest.
 */
final class Diversity {

    private final int[] groups;
    private final float weight;

    /**
     * @param filters each item's filter; items with the same filter form a group
     * @param weight  the penalty's weight
     */
    Diversity(int[] filters, float weight) {
        this.groups = filters.clone();
        this.weight = weight;
    }

    /**
     * @param base       the objective's weights, broadcastable to the activation
     * @param activation the layer's output, (N, H, W, C)
     * @return full-shape weights: {@code base − weight·dD/dactivation}, the penalty's part kept only
     *         where the activation is not zero, so that it holds on the value before a final ReLU too
     */
    float[] weightsData(Tensor base, Tensor activation) {
        int[] s = activation.shape();
        if (s.length != 4) {
            throw new AnalysisException(Messages.diversityNeeds4d);
        }
        int n = s[0];
        int positions = s[1] * s[2];
        int c = s[3];
        float[] a = activation.data();
        float[] out = broadcast(base, s);
        double[][] grams = new double[n][];
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            grams[i] = gram(a, i * positions * c, positions, c);
            double sq = 0;
            for (double v : grams[i]) {
                sq += v * v;
            }
            norms[i] = Math.max(Math.sqrt(sq), 1e-10);
            for (int k = 0; k < grams[i].length; k++) {
                grams[i][k] /= norms[i];
            }
        }
        for (int i = 0; i < n; i++) {
            int size = 0;
            double[] sum = new double[c * c];
            for (int j = 0; j < n; j++) {
                if (groups[j] == groups[i]) {
                    size++;
                    if (j != i) {
                        for (int k = 0; k < sum.length; k++) {
                            sum[k] += grams[j][k];
                        }
                    }
                }
            }
            // dD/dĜ_i = (2/B)·Σ_{j≠i} Ĝ_j; through the normalisation; then dD/dF = 2·F·T for symmetric T
            double dot = 0;
            for (int k = 0; k < sum.length; k++) {
                sum[k] *= 2.0 / size;
                dot += sum[k] * grams[i][k];
            }
            double[] tm = new double[c * c];
            for (int k = 0; k < tm.length; k++) {
                tm[k] = (sum[k] - dot * grams[i][k]) / norms[i];
            }
            int off = i * positions * c;
            for (int p = 0; p < positions; p++) {
                int row = off + p * c;
                for (int col = 0; col < c; col++) {
                    if (a[row + col] == 0f) {
                        continue;
                    }
                    double v = 0;
                    for (int k = 0; k < c; k++) {
                        v += a[row + k] * tm[k * c + col];
                    }
                    out[row + col] -= (float) (weight * 2 * v);
                }
            }
        }
        return out;
    }

    /** {@link #weightsData} as a tensor of the activation's shape. */
    Tensor weights(Tensor base, Tensor activation) {
        return new Tensor(weightsData(base, activation), activation.shape());
    }

    /** @return the penalty D of each item's group, per item (for tests) */
    double[] penalty(Tensor activation) {
        int[] s = activation.shape();
        int n = s[0];
        int positions = s[1] * s[2];
        int c = s[3];
        double[][] g = new double[n][];
        for (int i = 0; i < n; i++) {
            g[i] = gram(activation.data(), i * positions * c, positions, c);
            double sq = 0;
            for (double v : g[i]) {
                sq += v * v;
            }
            double norm = Math.max(Math.sqrt(sq), 1e-10);
            for (int k = 0; k < g[i].length; k++) {
                g[i][k] /= norm;
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int size = 0;
            double total = 0;
            for (int a = 0; a < n; a++) {
                if (groups[a] != groups[i]) {
                    continue;
                }
                size++;
                for (int b = 0; b < n; b++) {
                    if (b != a && groups[b] == groups[i]) {
                        for (int k = 0; k < g[a].length; k++) {
                            total += g[a][k] * g[b][k];
                        }
                    }
                }
            }
            out[i] = total / size;
        }
        return out;
    }

    private static double[] gram(float[] a, int off, int positions, int c) {
        double[] g = new double[c * c];
        for (int p = 0; p < positions; p++) {
            int row = off + p * c;
            for (int i = 0; i < c; i++) {
                double ai = a[row + i];
                if (ai == 0) {
                    continue;
                }
                for (int j = 0; j < c; j++) {
                    g[i * c + j] += ai * a[row + j];
                }
            }
        }
        return g;
    }

    /** @return {@code t} broadcast to {@code shape} (each of its axes the full size or 1) */
    static float[] broadcast(Tensor t, int[] shape) {
        int[] ts = t.shape();
        int total = 1;
        for (int d : shape) {
            total *= d;
        }
        float[] out = new float[total];
        float[] src = t.data();
        int[] idx = new int[shape.length];
        for (int k = 0; k < total; k++) {
            int rest = k;
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d] = rest % shape[d];
                rest /= shape[d];
            }
            int from = 0;
            for (int d = 0; d < shape.length; d++) {
                from = from * ts[d] + (ts[d] == 1 ? 0 : idx[d]);
            }
            out[k] = src[from];
        }
        return out;
    }
}
