package org.convscope.core.keras;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** {@code Flatten}: every axis after the batch into one, unfixed if any of them is. */
final class FlattenMapper extends SingleInputMapper {

    FlattenMapper() {
        super(LayerCategory.SHAPE);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        requireRank(in, 1, Messages.flattenNeedsBatchAxis);
        Long n = in.count(1);
        if (n != null && n > Integer.MAX_VALUE) {
            throw new ShapeException(MessageBundles.bind(Messages.flattenTooMany, n));
        }
        return TensorShape.of(in.dim(0), n == null ? null : n.intValue());
    }
}
