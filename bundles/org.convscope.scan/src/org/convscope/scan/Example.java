package org.convscope.scan;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;

/**
 * One of a channel's strongest images: where in it the channel's maximum is and what part of the
 * input that position sees.
 *
 * @param image  the image's name in the set
 * @param score  the channel's maximum over the image's positions
 * @param y      the row of the maximum in the layer's output (the first such position in row-major
 *               order)
 * @param x      its column
 * @param crop   {@code {top, left, bottom, right}} of the receptive field of (y, x) in the model's
 *               input, clipped to it, bottom and right exclusive; the whole input when the field is
 *               not known
 */
public record Example(String image, float score, int y, int x, int[] crop) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Best first: the higher score, then the image name (so that merged heaps agree). */
    public static final Comparator<Example> BEST_FIRST = Comparator.comparingDouble((Example e) -> -e.score())
            .thenComparing(Example::image);

    public Example {
        crop = crop.clone();
    }

    @Override
    public int[] crop() {
        return crop.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Example e && e.image.equals(image) && Float.compare(e.score, score) == 0 && e.y == y
                && e.x == x && Arrays.equals(e.crop, crop);
    }

    @Override
    public int hashCode() {
        return image.hashCode() * 31 + Float.hashCode(score);
    }

    @Override
    public String toString() {
        return image + " " + score + " (" + y + ", " + x + ")";
    }
}
