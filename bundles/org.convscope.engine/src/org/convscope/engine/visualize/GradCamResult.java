package org.convscope.engine.visualize;

import java.util.List;

import org.convscope.core.render.HeatmapOverlay;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;

/**
 * A class activation map for one image.
 *
 * @param layer       the layer whose output was weighted
 * @param scoreLayer  the layer whose unit was explained
 * @param classIndex  the unit (class) explained
 * @param score       its value for the image
 * @param method      Grad-CAM or Grad-CAM++
 * @param raw         the map at the layer's resolution after the ReLU, before normalisation, row-major
 * @param width       map columns (the layer's W)
 * @param height      map rows (the layer's H)
 * @param predictions the model's top-k for the image
 */
public record GradCamResult(String layer, String scoreLayer, int classIndex, float score, CamMethod method,
        float[] raw, int width, int height, List<Prediction> predictions) {

    /** ε of the normalisation {@code (h − min)/(max − min + ε)}. */
    public static final float EPSILON = 1e-7f;

    public GradCamResult {
        raw = raw.clone();
        predictions = List.copyOf(predictions);
    }

    @Override
    public float[] raw() {
        return raw.clone();
    }

    /**
     * @return the map scaled to [0, 1] by {@code (h − min)/(max − min + ε)}: never NaN, and an
     *         all-zero map (no positive evidence anywhere) stays all zero rather than the notebook's
     *         0/0
     */
    public float[] normalized() {
        return normalize(raw);
    }

    /** @return the normalised map as a float32 tensor of shape (height, width), for {@code .npy} */
    public Tensor normalizedTensor() {
        return new Tensor(normalized(), new int[] { height, width });
    }

    /**
     * @param image   the original picture at its own resolution
     * @param opacity weight of the heat colours (the notebook: 0.4)
     * @return the map stretched bilinearly to the picture and laid over it in jet
     */
    public RgbImage overlay(RgbImage image, double opacity) {
        return HeatmapOverlay.overlay(image, normalized(), width, height, opacity);
    }

    /** {@code (h − min)/(max − min + ε)}, in float arithmetic as TensorFlow does it. */
    static float[] normalize(float[] h) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : h) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] out = new float[h.length];
        float range = max - min + EPSILON;
        for (int i = 0; i < h.length; i++) {
            out[i] = (h[i] - min) / range;
        }
        return out;
    }
}
