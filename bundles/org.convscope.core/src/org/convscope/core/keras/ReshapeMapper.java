package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/** {@code Reshape}: {@code target_shape} without the batch axis, one entry possibly -1. */
final class ReshapeMapper extends SingleInputMapper {

    ReshapeMapper() {
        super(LayerCategory.SHAPE);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        Object raw = c.get("target_shape", "dims");
        if (!(raw instanceof List<?> target)) {
            throw new ShapeException("Reshape has no target_shape");
        }
        List<Integer> out = new ArrayList<>();
        out.add(in.rank() > 0 ? in.dim(0) : null);
        int unknownAt = -1;
        long known = 1;
        for (Object o : target) {
            if (!(o instanceof Long d)) {
                throw new ShapeException("Reshape target_shape " + target + " is not a list of integers");
            }
            if (d == -1) {
                if (unknownAt >= 0) {
                    throw new ShapeException("Reshape target_shape " + target + " has two -1 entries");
                }
                unknownAt = out.size();
                out.add(null);
            } else if (d < 0 || d > Integer.MAX_VALUE) {
                throw new ShapeException("Reshape target_shape " + target + " has a bad dimension");
            } else {
                known *= d;
                out.add(d.intValue());
            }
        }
        Long total = in.count(1);
        if (unknownAt >= 0 && total != null) {
            if (known == 0 || total % known != 0) {
                throw new ShapeException("cannot reshape " + in + " to " + target);
            }
            out.set(unknownAt, (int) (total / known));
        } else if (unknownAt < 0 && total != null && total != known) {
            throw new ShapeException("cannot reshape " + in + " (" + total + " values) to " + target);
        }
        return TensorShape.of(out);
    }
}
