package org.convscope.core.image;

import java.util.Objects;

import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;

/**
 * An image as float32 values, channels last (one for grey, three for RGB), row by row: the
 * layout of one item of a Keras NHWC batch. Values are 0–255 until preprocessed.
 *
 * @param width    columns
 * @param height   rows
 * @param channels 1 or 3
 * @param data     {@code width · height · channels} values, not copied
 */
public record FloatImage(int width, int height, int channels, float[] data) {

    public FloatImage {
        Objects.requireNonNull(data, "data");
        if (width < 1 || height < 1 || (channels != 1 && channels != 3)
                || (long) width * height * channels != data.length) {
            throw new IllegalArgumentException(
                    width + "x" + height + "x" + channels + " image cannot hold " + data.length + " values");
        }
    }

    /** @return this image as a batch of one, shape (1, height, width, channels); shares the array */
    public Tensor toTensor() {
        return new Tensor(data, new int[] { 1, height, width, channels });
    }

    /**
     * @return the image for display (for instance under a Grad-CAM overlay); values are taken as
     *         0–255, rounded and clipped, so pass an image before preprocessing
     */
    public RgbImage toRgbImage() {
        int[] px = new int[width * height];
        for (int i = 0; i < px.length; i++) {
            int r = clip(data[i * channels]);
            int g = channels == 3 ? clip(data[i * 3 + 1]) : r;
            int b = channels == 3 ? clip(data[i * 3 + 2]) : r;
            px[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return new RgbImage(width, height, px);
    }

    private static int clip(float v) {
        return v >= 255f ? 255 : v > 0f ? Math.round(v) : 0;
    }
}
