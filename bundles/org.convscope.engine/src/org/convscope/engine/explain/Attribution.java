package org.convscope.engine.explain;

import org.convscope.core.tensor.Tensor;

/**
 * One attribution map of one image.
 *
 * @param method the method
 * @param values the map, row-major: at the layer's resolution for a CAM method of one layer,
 *               else at the input's; CAM maps are normalised to [0, 1], the others keep their
 *               units (gradients, score differences)
 * @param height map rows
 * @param width  map columns
 */
public record Attribution(AttributionMethod method, float[] values, int height, int width) {

    public Attribution {
        if (values.length != height * width) {
            throw new IllegalArgumentException(values.length + " values for a " + height + "×" + width + " map");
        }
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** @return the map scaled by {@code (m − min)/(max − min + 1e-7)}, for display and comparison */
    public float[] normalized() {
        return Maps.normalize(values);
    }

    /** @return the map as a float32 tensor of shape (height, width), for {@code .npy} */
    public Tensor tensor() {
        return new Tensor(values(), new int[] { height, width });
    }

    /** @return the map upsampled bilinearly to {@code h × w} (itself when it has that size) */
    public float[] resized(int h, int w) {
        return h == height && w == width ? values() : Maps.resizeBilinear(values, height, width, h, w);
    }
}
