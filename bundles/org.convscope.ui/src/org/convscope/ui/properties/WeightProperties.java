package org.convscope.ui.properties;

import org.convscope.core.io.WeightRef;

/** The rows of one weight, which also tell the Properties page which weight a row shows. */
final class WeightProperties extends PropertyList {

    private final String layer;
    private final WeightRef weight;

    WeightProperties(Object editable, String layer, WeightRef weight) {
        super(editable);
        this.layer = layer;
        this.weight = weight;
    }

    /** @return the name of the layer holding the weight */
    String layer() {
        return layer;
    }

    /** @return the weight */
    WeightRef weight() {
        return weight;
    }
}
