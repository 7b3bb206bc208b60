package org.convscope.core.keras;

import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/** A Keras class with no mapper: shown with its config, output shape and parameters unknown. */
final class UnknownMapper implements LayerMapper {

    static final UnknownMapper INSTANCE = new UnknownMapper();

    @Override
    public LayerCategory category() {
        return LayerCategory.UNKNOWN;
    }

    @Override
    public List<TensorShape> outputShapes(LayerConfig c, List<TensorShape> inputs) {
        return List.of(TensorShape.unknown());
    }

    @Override
    public Params params(LayerConfig c, List<TensorShape> inputs) {
        return Params.UNKNOWN;
    }
}
