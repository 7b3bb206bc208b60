package org.convscope.core.keras;

import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/**
 * The preprocessing {@code Normalization} layer. Without a {@code mean} in its config it keeps an
 * adapted mean and variance per kept axis and a count, none of them trained; with one, the
 * statistics are constants and there are no weights.
 */
final class NormalizationMapper extends SingleInputMapper {

    NormalizationMapper() {
        super(LayerCategory.NORMALIZATION);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        return in;
    }

    @Override
    Params params(LayerConfig c, TensorShape in) {
        if (c.has("mean")) {
            return Params.NONE;
        }
        List<Integer> axes = c.map().containsKey("axis") ? c.ints("axis") : List.of(-1);
        Long n = Axes.size(axes == null ? List.of() : axes, in);
        return n == null ? Params.UNKNOWN : new Params(0, 2 * n + 1);
    }

    @Override
    Params paramsWithoutShape(LayerConfig c) {
        return c.has("mean") ? Params.NONE : Params.UNKNOWN;
    }
}
