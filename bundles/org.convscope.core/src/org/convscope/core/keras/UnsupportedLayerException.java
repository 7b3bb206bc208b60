package org.convscope.core.keras;

import java.util.Objects;

import org.convscope.core.text.MessageBundles;

/**
 * A layer whose Keras class Convscope does not know, or cannot run. Opening a model never fails
 * for it: the layer is shown with its config (see {@link KerasModels#unsupportedLayers}); an engine
 * that cannot execute a layer throws this, naming it.
 */
public class UnsupportedLayerException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String layer;
    private final String kerasClass;

    /**
     * @param layer      the layer's name (or path id {@code outer/inner} in a nested model)
     * @param kerasClass the Keras class
     * @param reason     what is not supported, phrased for the user
     */
    public UnsupportedLayerException(String layer, String kerasClass, String reason) {
        super(MessageBundles.bind(Messages.unsupportedLayer, layer, kerasClass, reason));
        this.layer = Objects.requireNonNull(layer, "layer");
        this.kerasClass = Objects.requireNonNull(kerasClass, "kerasClass");
    }

    /** @return the layer's name or path id */
    public String layer() {
        return layer;
    }

    /** @return the Keras class */
    public String kerasClass() {
        return kerasClass;
    }
}
