package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** {@code Permute}: {@code dims} reorder the axes after the batch, counted from 1. */
final class PermuteMapper extends SingleInputMapper {

    PermuteMapper() {
        super(LayerCategory.SHAPE);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        List<Integer> dims = c.ints("dims");
        if (dims == null || dims.size() != in.rank() - 1) {
            throw new ShapeException(MessageBundles.bind(Messages.permuteMismatch, dims, in));
        }
        List<Integer> out = new ArrayList<>();
        out.add(in.dim(0));
        boolean[] seen = new boolean[in.rank()];
        for (int d : dims) {
            if (d < 1 || d >= in.rank() || seen[d]) {
                throw new ShapeException(MessageBundles.bind(Messages.permuteNotPermutation, dims, in.rank() - 1));
            }
            seen[d] = true;
            out.add(in.dim(d));
        }
        return TensorShape.of(out);
    }
}
