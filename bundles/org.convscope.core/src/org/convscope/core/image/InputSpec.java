package org.convscope.core.image;

import java.util.Objects;

/**
 * What a model wants from an image: size, colour mode, resampling and preprocessing.
 *
 * @param height        rows, or 0 to keep the image's own (a model with a free input size)
 * @param width         columns, or 0 to keep the image's own
 * @param colorMode     RGB or grey
 * @param interpolation how to resize (Keras's default: nearest)
 * @param preprocessing the scaling applied after resizing
 */
public record InputSpec(int height, int width, ColorMode colorMode, Interpolation interpolation,
        Preprocessing preprocessing) {

    public InputSpec {
        Objects.requireNonNull(colorMode, "colorMode");
        Objects.requireNonNull(interpolation, "interpolation");
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
            throw new IllegalArgumentException("input size " + height + "x" + width
                    + ": give both sides, or 0 for both to keep the image's size");
        }
    }

    /**
     * The spec for a model input, guessing the preprocessing from the model's name.
     *
     * @param inputShape the model's input shape (N, H, W, C); unknown sides as -1 or 0 (kept)
     * @param modelName  the model's name; {@code null} or unknown families get {@code fallback}
     * @param fallback   the preprocessing when the family is not known (e.g. RESCALE for small
     *                   convnets trained on [0, 1])
     * @return nearest resizing, colour mode by channel count
     */
    public static InputSpec forModel(int[] inputShape, String modelName, Preprocessing fallback) {
        if (inputShape.length != 4) {
            throw new IllegalArgumentException(
                    "an image input needs shape (N, H, W, C), got rank " + inputShape.length);
        }
        int h = Math.max(0, inputShape[1]);
        int w = Math.max(0, inputShape[2]);
        if (h == 0 || w == 0) {
            h = 0;
            w = 0;
        }
        return new InputSpec(h, w, ColorMode.forChannels(inputShape[3]), Interpolation.NEAREST,
                Preprocessing.forModelName(modelName).orElse(fallback));
    }

    /** @return this spec resizing with {@code how} */
    public InputSpec withInterpolation(Interpolation how) {
        return new InputSpec(height, width, colorMode, how, preprocessing);
    }

    /** @return this spec with another preprocessing (a user's flag over the guess) */
    public InputSpec withPreprocessing(Preprocessing p) {
        return new InputSpec(height, width, colorMode, interpolation, p);
    }
}
