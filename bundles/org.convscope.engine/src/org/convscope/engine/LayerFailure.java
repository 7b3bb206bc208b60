package org.convscope.engine;

import org.convscope.core.text.MessageBundles;

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
                ? MessageBundles.bind(Messages.layerFailed, layer, kerasClass, reason)
                : MessageBundles.bind(Messages.layerNotComputed, layer, kerasClass, reason);
    }
}
