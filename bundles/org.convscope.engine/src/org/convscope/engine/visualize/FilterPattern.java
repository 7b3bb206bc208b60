package org.convscope.engine.visualize;

import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;

/**
 * The pattern one filter responds to most, found by gradient ascent.
 *
 * @param layer  the layer
 * @param filter the channel of its output
 * @param tile   the deprocessed picture; for a dead filter a flat grey tile with a cross, never noise
 * @param image  the final input-space image, shape (1, size, size, channels), before deprocessing
 * @param losses the loss before each step: the mean activation, or for a filter that was zero all
 *               over the start image the mean of the value going into its ReLU
 * @param dead   whether the filter is dead: zero all over the start image and over random inputs,
 *               and without a gradient before its ReLU, so there is no pattern to show
 */
public record FilterPattern(String layer, int filter, RgbImage tile, Tensor image, float[] losses, boolean dead) {

    /** @return the loss before the last step (the notebook's last printed value) */
    public float finalLoss() {
        return losses.length == 0 ? 0f : losses[losses.length - 1];
    }
}
