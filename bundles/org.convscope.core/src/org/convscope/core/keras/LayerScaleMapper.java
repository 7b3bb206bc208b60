package org.convscope.core.keras;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/**
 * ConvNeXt's {@code LayerScale} (shipped in {@code keras.applications}): multiplies each of the
 * last axis's {@code projection_dim} channels by a trained factor.
 */
final class LayerScaleMapper extends SingleInputMapper {

    LayerScaleMapper() {
        super(LayerCategory.LAYER);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        return in;
    }

    @Override
    Params params(LayerConfig c, TensorShape in) {
        return paramsWithoutShape(c);
    }

    @Override
    Params paramsWithoutShape(LayerConfig c) {
        return c.has("projection_dim") ? new Params(c.integer(0, "projection_dim"), 0) : Params.UNKNOWN;
    }
}
