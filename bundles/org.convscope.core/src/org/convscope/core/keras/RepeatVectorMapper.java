package org.convscope.core.keras;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** {@code RepeatVector}: {@code (batch, features)} to {@code (batch, n, features)}. */
final class RepeatVectorMapper extends SingleInputMapper {

    RepeatVectorMapper() {
        super(LayerCategory.SHAPE);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        if (in.rank() != 2) {
            throw new ShapeException(MessageBundles.bind(Messages.repeatVectorNeedsRank2, in));
        }
        return TensorShape.of(in.dim(0), c.integer(1, "n"), in.dim(1));
    }
}
