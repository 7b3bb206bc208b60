package org.convscope.core.keras;

import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/** {@code PReLU}: one trained slope per input value, shared along {@code shared_axes}. */
final class PReLUMapper extends SingleInputMapper {

    PReLUMapper() {
        super(LayerCategory.ACTIVATION);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        return in;
    }

    @Override
    Params params(LayerConfig c, TensorShape in) {
        List<Integer> shared = c.ints("shared_axes");
        long n = 1;
        for (int axis = 1; axis < in.rank(); axis++) {
            if (shared != null && shared.contains(axis)) {
                continue;
            }
            Integer d = in.dim(axis);
            if (d == null) {
                return Params.UNKNOWN;
            }
            n *= d;
        }
        return new Params(n, 0);
    }

    @Override
    boolean hasWeights() {
        return true;
    }
}
