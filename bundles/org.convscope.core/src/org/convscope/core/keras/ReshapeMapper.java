package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** {@code Reshape}: {@code target_shape} without the batch axis, one entry possibly -1. */
final class ReshapeMapper extends SingleInputMapper {

    ReshapeMapper() {
        super(LayerCategory.SHAPE);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        Object raw = c.get("target_shape", "dims");
        if (!(raw instanceof List<?> target)) {
            throw new ShapeException(Messages.reshapeNoTarget);
        }
        List<Integer> out = new ArrayList<>();
        out.add(in.rank() > 0 ? in.dim(0) : null);
        int unknownAt = -1;
        long known = 1;
        for (Object o : target) {
            if (!(o instanceof Long d)) {
                throw new ShapeException(MessageBundles.bind(Messages.reshapeNotIntegers, target));
            }
            if (d == -1) {
                if (unknownAt >= 0) {
                    throw new ShapeException(MessageBundles.bind(Messages.reshapeTwoUnknown, target));
                }
                unknownAt = out.size();
                out.add(null);
            } else if (d < 0 || d > Integer.MAX_VALUE) {
                throw new ShapeException(MessageBundles.bind(Messages.reshapeBadDimension, target));
            } else {
                known *= d;
                out.add(d.intValue());
            }
        }
        Long total = in.count(1);
        if (unknownAt >= 0 && total != null) {
            if (known == 0 || total % known != 0) {
                throw new ShapeException(MessageBundles.bind(Messages.cannotReshape, in, target));
            }
            out.set(unknownAt, (int) (total / known));
        } else if (unknownAt < 0 && total != null && total != known) {
            throw new ShapeException(MessageBundles.bind(Messages.cannotReshapeCount, in, total, target));
        }
        return TensorShape.of(out);
    }
}
