package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * {@code Concatenate} along {@code axis} (Keras 1 {@code Merge} with {@code concat_axis}); the
 * other dimensions come from the first input, as in Keras.
 */
final class ConcatenateMapper implements LayerMapper {

    @Override
    public LayerCategory category() {
        return LayerCategory.MERGE;
    }

    @Override
    public List<TensorShape> outputShapes(LayerConfig c, List<TensorShape> inputs) {
        if (inputs.isEmpty()) {
            throw new ShapeException(Messages.concatenateNeedsInputs);
        }
        if (inputs.stream().anyMatch(s -> !s.isKnown())) {
            return List.of(TensorShape.unknown());
        }
        int rank = inputs.get(0).rank();
        for (TensorShape s : inputs) {
            if (s.rank() != rank) {
                throw new ShapeException(MessageBundles.bind(Messages.concatenateRanksDiffer, inputs));
            }
        }
        int axis = Axes.resolve(c.integer(-1, "axis", "concat_axis"), rank);
        List<Integer> out = new ArrayList<>(inputs.get(0).dims());
        Integer sum = 0;
        for (TensorShape s : inputs) {
            Integer d = s.dim(axis);
            sum = sum == null || d == null ? null : sum + d;
        }
        out.set(axis, sum);
        return List.of(TensorShape.of(out));
    }
}
