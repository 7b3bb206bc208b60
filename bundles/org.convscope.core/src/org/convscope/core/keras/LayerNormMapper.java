package org.convscope.core.keras;

import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/**
 * {@code LayerNormalization}: gamma and beta over the normalised axes ({@code rms_scaling} keeps
 * gamma only); {@code GroupNormalization} has them per channel.
 */
final class LayerNormMapper extends SingleInputMapper {

    LayerNormMapper() {
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
        boolean rms = c.bool(false, "rms_scaling");
        boolean center = c.bool(true, "center") && !rms;
        boolean scale = c.bool(true, "scale") || rms;
        return new Params((center ? n : 0) + (scale ? n : 0), 0);
    }

    @Override
    boolean hasWeights() {
        return true;
    }
}
