package org.convscope.core.keras;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/**
 * Layers that keep their input's shape and have no weights: activations, dropout and noise,
 * rescaling. Only the category differs.
 */
final class IdentityMapper extends SingleInputMapper {

    IdentityMapper(LayerCategory category) {
        super(category);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        return in;
    }
}
