package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** {@code Dot} of two inputs over {@code axes} (Keras 1 {@code Merge} with {@code dot_axes}). */
final class DotMapper implements LayerMapper {

    @Override
    public LayerCategory category() {
        return LayerCategory.MERGE;
    }

    @Override
    public List<TensorShape> outputShapes(LayerConfig c, List<TensorShape> inputs) {
        if (inputs.size() != 2) {
            throw new ShapeException(MessageBundles.bind(Messages.dotTakesTwoInputs, inputs.size()));
        }
        TensorShape a = inputs.get(0);
        TensorShape b = inputs.get(1);
        if (!a.isKnown() || !b.isKnown()) {
            return List.of(TensorShape.unknown());
        }
        List<Integer> axes = c.ints("axes", "dot_axes");
        if (axes == null || axes.isEmpty()) {
            axes = List.of(-1);
        }
        int axisA = Axes.resolve(axes.get(0), a.rank());
        int axisB = Axes.resolve(axes.size() > 1 ? axes.get(1) : axes.get(0), b.rank());
        List<Integer> out = new ArrayList<>(a.dims());
        out.remove(axisA);
        List<Integer> rest = new ArrayList<>(b.dims());
        rest.remove(axisB);
        out.addAll(rest.subList(1, rest.size()));
        if (out.size() == 1) {
            out.add(1);
        }
        return List.of(TensorShape.of(out));
    }
}
