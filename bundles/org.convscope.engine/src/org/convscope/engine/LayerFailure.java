package org.convscope.engine;

/**
 * Why a layer has no activation.
 *
 * @param layer      the layer without a result
 * @param kerasClass its Keras class
 * @param reason     what went wrong, for a person
 * @param cause      the layer where the problem is: {@code layer} itself, or an earlier layer it
 *                   depends on
 */
public record LayerFailure(String layer, String kerasClass, String reason, String cause) {

    /** @return one line for the user, e.g. "conv3 (Conv2D): grouped convolution (groups=2)" */
    public String message() {
        return layer.equals(cause)
                ? layer + " (" + kerasClass + "): " + reason
                : layer + " (" + kerasClass + "): not computed because " + reason;
    }
}
