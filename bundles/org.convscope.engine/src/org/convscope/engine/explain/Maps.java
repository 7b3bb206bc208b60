package org.convscope.engine.explain;

/** Arithmetic on maps held as row-major float arrays. */
final class Maps {

    /** ε of the normalisation {@code (m − min)/(max − min + ε)}. */
    static final float EPSILON = 1e-7f;

    private Maps() {
    }

    /** {@code (m − min)/(max − min + ε)} in float arithmetic, as TensorFlow does it. */
    static float[] normalize(float[] m) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : m) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max - min + EPSILON;
        float[] out = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = (m[i] - min) / range;
        }
        return out;
    }

    /**
     * Bilinear resampling with half-pixel centres, as {@code tf.image.resize(…, "bilinear")}: output
     * pixel o reads input position {@code (o + ½)·in/out − ½}, clamped to the edge pixels.
     *
     * @param m one channel, {@code h × w} row-major
     */
    static float[] resizeBilinear(float[] m, int h, int w, int outH, int outW) {
        return resizeBilinear(m, h, w, 1, outH, outW);
    }

    /** {@link #resizeBilinear(float[], int, int, int, int)} of an (h, w, c) array, channels last. */
    static float[] resizeBilinear(float[] m, int h, int w, int c, int outH, int outW) {
        int[] top = new int[outH];
        int[] bottom = new int[outH];
        float[] dy = new float[outH];
        axis(h, outH, top, bottom, dy);
        int[] left = new int[outW];
        int[] right = new int[outW];
        float[] dx = new float[outW];
        axis(w, outW, left, right, dx);
        float[] out = new float[outH * outW * c];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                for (int k = 0; k < c; k++) {
                    float tl = m[(top[y] * w + left[x]) * c + k];
                    float tr = m[(top[y] * w + right[x]) * c + k];
                    float bl = m[(bottom[y] * w + left[x]) * c + k];
                    float br = m[(bottom[y] * w + right[x]) * c + k];
                    float t = tl + (tr - tl) * dx[x];
                    float b = bl + (br - bl) * dx[x];
                    out[(y * outW + x) * c + k] = t + (b - t) * dy[y];
                }
            }
        }
        return out;
    }

    private static void axis(int in, int out, int[] low, int[] high, float[] frac) {
        float scale = (float) in / out;
        for (int o = 0; o < out; o++) {
            float p = (o + 0.5f) * scale - 0.5f;
            int f = (int) Math.floor(p);
            low[o] = Math.max(f, 0);
            high[o] = Math.min(f + 1, in - 1);
            frac[o] = p - f;
        }
    }

    /** @return Σ over the last axis of an (…, c) array */
    static float[] sumChannels(float[] a, int c) {
        float[] out = new float[a.length / c];
        for (int p = 0; p < out.length; p++) {
            float s = 0;
            for (int k = 0; k < c; k++) {
                s += a[p * c + k];
            }
            out[p] = s;
        }
        return out;
    }

    /** @return max over the last axis of |a| */
    static float[] maxAbsChannels(float[] a, int c) {
        float[] out = new float[a.length / c];
        for (int p = 0; p < out.length; p++) {
            float s = 0;
            for (int k = 0; k < c; k++) {
                s = Math.max(s, Math.abs(a[p * c + k]));
            }
            out[p] = s;
        }
        return out;
    }

    /** @return relu(Σ_k w_k A_k) of an (h·w, k) activation */
    static float[] weightedSum(float[] a, float[] weights) {
        int k = weights.length;
        float[] out = new float[a.length / k];
        for (int p = 0; p < out.length; p++) {
            float s = 0;
            for (int c = 0; c < k; c++) {
                s += weights[c] * a[p * k + c];
            }
            out[p] = Math.max(s, 0f);
        }
        return out;
    }

    /** @return item {@code n} of a batch whose items hold {@code size} values */
    static float[] item(float[] batch, int n, int size) {
        float[] out = new float[size];
        System.arraycopy(batch, n * size, out, 0, size);
        return out;
    }
}
