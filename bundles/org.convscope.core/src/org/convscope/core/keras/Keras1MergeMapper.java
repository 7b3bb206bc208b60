package org.convscope.core.keras;

import java.util.List;
import java.util.Map;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/**
 * Keras 1's {@code Merge} layer, whose {@code mode} picks the operation: {@code concat},
 * {@code dot}/{@code cos} or an element-wise one ({@code sum}, {@code mul}, {@code ave},
 * {@code max}). A mode given as a function is code and leaves the shape unknown.
 */
final class Keras1MergeMapper implements LayerMapper {

    private static final Map<String, LayerMapper> MODES = Map.of(
            "concat", new ConcatenateMapper(),
            "dot", new DotMapper(),
            "cos", new DotMapper(),
            "sum", new ElementwiseMapper(),
            "mul", new ElementwiseMapper(),
            "ave", new ElementwiseMapper(),
            "max", new ElementwiseMapper());

    @Override
    public LayerCategory category() {
        return LayerCategory.MERGE;
    }

    @Override
    public List<TensorShape> outputShapes(LayerConfig c, List<TensorShape> inputs) {
        Object mode = c.map().getOrDefault("mode", "sum");
        LayerMapper m = mode instanceof String s ? MODES.get(s) : null;
        return m == null ? List.of(TensorShape.unknown()) : m.outputShapes(c, inputs);
    }
}
