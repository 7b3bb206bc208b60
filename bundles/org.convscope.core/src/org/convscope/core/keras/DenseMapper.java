package org.convscope.core.keras;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/** {@code Dense} ({@code units}; Keras 1 {@code output_dim}, {@code bias}): acts on the last axis. */
final class DenseMapper extends SingleInputMapper {

    DenseMapper() {
        super(LayerCategory.LAYER);
    }

    private static int units(LayerConfig c) {
        int u = c.integer(-1, "units", "output_dim");
        if (u < 1) {
            throw new ShapeException(Messages.denseNeedsUnits);
        }
        return u;
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        requireRank(in, 2, Messages.denseNeedsRank2);
        return in.withDim(-1, units(c));
    }

    @Override
    Params params(LayerConfig c, TensorShape in) {
        requireRank(in, 2, Messages.denseNeedsRank2);
        Integer inUnits = in.dim(-1);
        if (inUnits == null) {
            return Params.UNKNOWN;
        }
        long units = units(c);
        return new Params(inUnits * units + (c.bool(true, "use_bias", "bias") ? units : 0), 0);
    }

    @Override
    boolean hasWeights() {
        return true;
    }
}
