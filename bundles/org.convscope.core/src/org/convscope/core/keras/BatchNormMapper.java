package org.convscope.core.keras;

import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/**
 * {@code BatchNormalization}: gamma (if {@code scale}) and beta (if {@code center}) are trained;
 * the moving mean and variance (Keras 1: running mean and std) are not.
 */
final class BatchNormMapper extends SingleInputMapper {

    BatchNormMapper() {
        super(LayerCategory.NORMALIZATION);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        return in;
    }

    @Override
    Params params(LayerConfig c, TensorShape in) {
        List<Integer> axes = c.ints("axis");
        Long n = Axes.size(axes == null ? List.of(-1) : axes, in);
        if (n == null) {
            return Params.UNKNOWN;
        }
        long trainable = (c.bool(true, "scale") ? n : 0) + (c.bool(true, "center") ? n : 0);
        return new Params(trainable, 2 * n);
    }

    @Override
    boolean hasWeights() {
        return true;
    }
}
