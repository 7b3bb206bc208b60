package org.convscope.core.keras;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/** {@code Flatten}: every axis after the batch into one, unfixed if any of them is. */
final class FlattenMapper extends SingleInputMapper {

    FlattenMapper() {
        super(LayerCategory.SHAPE);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        requireRank(in, 1, "Flatten needs a batch axis");
        Long n = in.count(1);
        if (n != null && n > Integer.MAX_VALUE) {
            throw new ShapeException("Flatten gives " + n + " values, too many");
        }
        return TensorShape.of(in.dim(0), n == null ? null : n.intValue());
    }
}
