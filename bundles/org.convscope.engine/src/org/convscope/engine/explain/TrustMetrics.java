package org.convscope.engine.explain;

/**
 * How faithful a map is to the model, for one image and method. Pixels are ranked by the map
 * upsampled bilinearly to the input size, highest first (ties in pixel order); a pixel is all its
 * channels; "removed" means set to 0 in the model's input space.
 *
 * @param score            y_c of the image itself
 * @param deletionAuc      y_c as the top k/20 of the pixels are removed, k = 0…20 (⌊k·P/20⌋ pixels),
 *                         trapezoid rule, divided by the 20 steps: low when the map finds what the
 *                         score depends on
 * @param insertionAuc     the same from a zero image to which the pixels are added in that order:
 *                         high when the map finds it
 * @param confidenceChange y_c of the image with only its top 25 % (⌊P/4⌋ pixels) kept, minus
 *                         {@code score}
 */
public record TrustMetrics(float score, float deletionAuc, float insertionAuc, float confidenceChange) {
}
