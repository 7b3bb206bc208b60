package org.convscope.engine.explain;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.GradCam;

/**
 * The CAM methods that need only a layer's activation A and the gradient g = ∂y_c/∂A of one image,
 * both (H·W, K) row-major; each returns the normalised map, H·W values. Definitions in
 * {@link AttributionMethod}.
 */
final class CamMaps {

    private CamMaps() {
    }

    /** Grad-CAM and Grad-CAM++ as {@link GradCam} computes them, normalised. */
    static float[] gradCam(float[] a, float[] g, int h, int w, int k, boolean plusPlus) {
        Tensor at = new Tensor(a, new int[] { 1, h, w, k });
        Tensor gt = new Tensor(g, new int[] { 1, h, w, k });
        return Maps.normalize(GradCam.map(at, gt, plusPlus ? CamMethod.GRADCAM_PLUS_PLUS : CamMethod.GRADCAM));
    }

    /** HiResCAM: relu(Σ_k g_k ⊙ A_k), normalised. */
    static float[] hiResCam(float[] a, float[] g, int k) {
        return elementwise(a, g, k, false);
    }

    /** LayerCAM: relu(Σ_k relu(g_k) ⊙ A_k), normalised. */
    static float[] layerCam(float[] a, float[] g, int k) {
        return elementwise(a, g, k, true);
    }

    private static float[] elementwise(float[] a, float[] g, int k, boolean reluGradient) {
        float[] out = new float[a.length / k];
        for (int p = 0; p < out.length; p++) {
            float s = 0;
            for (int c = 0; c < k; c++) {
                float gi = g[p * k + c];
                s += (reluGradient ? Math.max(gi, 0f) : gi) * a[p * k + c];
            }
            out[p] = Math.max(s, 0f);
        }
        return Maps.normalize(out);
    }

    /** XGrad-CAM: w_k = Σ_ij A_k g_k / (Σ_ij A_k + 1e-7); relu(Σ_k w_k A_k), normalised. */
    static float[] xGradCam(float[] a, float[] g, int k) {
        double[] num = new double[k];
        double[] den = new double[k];
        for (int p = 0; p < a.length / k; p++) {
            for (int c = 0; c < k; c++) {
                num[c] += (double) a[p * k + c] * g[p * k + c];
                den[c] += a[p * k + c];
            }
        }
        float[] weights = new float[k];
        for (int c = 0; c < k; c++) {
            weights[c] = (float) (num[c] / (den[c] + 1e-7));
        }
        return Maps.normalize(Maps.weightedSum(a, weights));
    }

    /** The weighted CAM of Score-CAM and Ablation-CAM: relu(Σ_k w_k A_k), normalised. */
    static float[] weighted(float[] a, float[] weights) {
        return Maps.normalize(Maps.weightedSum(a, weights));
    }

    /**
     * Eigen-CAM: the first principal component v of A centred per channel, found as the leading
     * eigenvector of the smaller of the (K × K) covariance and the (H·W × H·W) Gram matrix by power
     * iteration; map = A·v, signed so that its sum is positive, relu, normalised.
     */
    static float[] eigenCam(float[] a, int k) {
        int n = a.length / k;
        double[][] centred = new double[n][k];
        double[] mean = new double[k];
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < k; c++) {
                mean[c] += a[p * k + c];
            }
        }
        for (int c = 0; c < k; c++) {
            mean[c] /= n;
        }
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < k; c++) {
                centred[p][c] = a[p * k + c] - mean[c];
            }
        }
        double[] v = new double[k];
        if (k <= n) {
            double[][] cov = new double[k][k];
            for (int p = 0; p < n; p++) {
                double[] row = centred[p];
                for (int i = 0; i < k; i++) {
                    if (row[i] != 0) {
                        for (int j = 0; j < k; j++) {
                            cov[i][j] += row[i] * row[j];
                        }
                    }
                }
            }
            v = leadingEigenvector(cov);
        } else {
            double[][] gram = new double[n][n];
            for (int p = 0; p < n; p++) {
                for (int q = p; q < n; q++) {
                    double s = 0;
                    for (int c = 0; c < k; c++) {
                        s += centred[p][c] * centred[q][c];
                    }
                    gram[p][q] = s;
                    gram[q][p] = s;
                }
            }
            double[] u = leadingEigenvector(gram);
            for (int p = 0; p < n; p++) {
                for (int c = 0; c < k; c++) {
                    v[c] += centred[p][c] * u[p];
                }
            }
        }
        double[] projection = new double[n];
        double sum = 0;
        for (int p = 0; p < n; p++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += a[p * k + c] * v[c];
            }
            projection[p] = s;
            sum += s;
        }
        float[] map = new float[n];
        for (int p = 0; p < n; p++) {
            map[p] = (float) Math.max(sum < 0 ? -projection[p] : projection[p], 0);
        }
        return Maps.normalize(map);
    }

    /**
     * Power iteration on a symmetric positive semi-definite matrix from a fixed start, until the
     * unit vector moves less than 1e-12 or after 20 000 rounds.
     *
     * @return a unit eigenvector of the largest eigenvalue (zero for a zero matrix)
     */
    static double[] leadingEigenvector(double[][] m) {
        int n = m.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // not a symmetric start: it must not be orthogonal to the leading vector by accident
            v[i] = 1 + 0.01 * i;
        }
        normalizeVector(v);
        for (int round = 0; round < 20_000; round++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                double[] row = m[i];
                for (int j = 0; j < n; j++) {
                    s += row[j] * v[j];
                }
                next[i] = s;
            }
            if (normalizeVector(next) == 0) {
                return next;
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                change = Math.max(change, Math.abs(next[i] - v[i]));
            }
            v = next;
            if (change < 1e-12) {
                break;
            }
        }
        return v;
    }

    private static double normalizeVector(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return norm;
    }
}
