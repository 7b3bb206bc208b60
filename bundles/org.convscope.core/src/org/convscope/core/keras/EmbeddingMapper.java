package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/** {@code Embedding}: integer ids to vectors of {@code output_dim}; a table of input_dim × output_dim. */
final class EmbeddingMapper extends SingleInputMapper {

    EmbeddingMapper() {
        super(LayerCategory.LAYER);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        List<Integer> dims = new ArrayList<>(in.dims());
        dims.add(c.integer(1, "output_dim"));
        return TensorShape.of(dims);
    }

    @Override
    Params params(LayerConfig c, TensorShape in) {
        return paramsWithoutShape(c);
    }

    @Override
    Params paramsWithoutShape(LayerConfig c) {
        return new Params((long) c.integer(0, "input_dim") * c.integer(0, "output_dim"), 0);
    }
}
