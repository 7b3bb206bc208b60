package org.convscope.ui.activations;

import java.util.Arrays;

/**
 * One row of the Activation view's result table: a layer's output for one input, or why it has
 * none.
 *
 * @param layerId    the layer's id ({@code Layer.id()})
 * @param kerasClass its Keras class
 * @param shape      the real output shape with the batch axis, or null when it failed
 * @param mean       mean of the values
 * @param max        largest value
 * @param zeroShare  share of values exactly 0, 0..1
 * @param dead       channels that are zero everywhere
 * @param channels   channels (units for Dense)
 * @param error      why there is no output, or null
 */
public record LayerRow(String layerId, String kerasClass, int[] shape, double mean, double max, double zeroShare,
        int dead, int channels, String error) {

    /** @return a row for a layer the engine could not compute */
    public static LayerRow failed(String layerId, String kerasClass, String error) {
        return new LayerRow(layerId, kerasClass, null, Double.NaN, Double.NaN, Double.NaN, 0, 0, error);
    }

    /** @return whether the layer has an output */
    public boolean ok() {
        return error == null;
    }

    /** @return the shape as Keras prints it, e.g. {@code (1, 26, 26, 32)}; empty when failed */
    public String shapeText() {
        if (shape == null) {
            return "";
        }
        String s = Arrays.toString(shape);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }
}
