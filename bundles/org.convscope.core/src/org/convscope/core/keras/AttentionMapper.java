package org.convscope.core.keras;

import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/**
 * {@code MultiHeadAttention}: query, key and value projections to {@code num_heads} heads of
 * {@code key_dim} (values {@code value_dim}), then an output projection back to the query's width
 * (or {@code output_shape}). Called as {@code (query, value[, key])}; the output has the query's shape.
 */
final class AttentionMapper implements LayerMapper {

    @Override
    public LayerCategory category() {
        return LayerCategory.LAYER;
    }

    @Override
    public List<TensorShape> outputShapes(LayerConfig c, List<TensorShape> inputs) {
        TensorShape query = inputs.isEmpty() ? TensorShape.unknown() : inputs.get(0);
        if (!query.isKnown()) {
            return List.of(TensorShape.unknown());
        }
        List<Integer> stated = c.ints("output_shape");
        if (stated != null && stated.size() == 1) {
            return List.of(query.withDim(-1, stated.get(0)));
        }
        return List.of(query);
    }

    @Override
    public Params params(LayerConfig c, List<TensorShape> inputs) {
        if (inputs.isEmpty() || inputs.stream().anyMatch(s -> !s.isKnown() || s.dim(-1) == null)) {
            return Params.UNKNOWN;
        }
        long q = inputs.get(0).dim(-1);
        long v = inputs.size() > 1 ? inputs.get(1).dim(-1) : q;
        long k = inputs.size() > 2 ? inputs.get(2).dim(-1) : v;
        long heads = c.integer(1, "num_heads");
        long keyDim = c.integer(1, "key_dim");
        long valueDim = c.has("value_dim") ? c.integer(1, "value_dim") : keyDim;
        List<Integer> stated = c.ints("output_shape");
        long out = stated != null && stated.size() == 1 ? stated.get(0) : q;
        boolean bias = c.bool(true, "use_bias");
        long n = q * heads * keyDim + k * heads * keyDim + v * heads * valueDim + heads * valueDim * out;
        if (bias) {
            n += 2 * heads * keyDim + heads * valueDim + out;
        }
        return new Params(n, 0);
    }
}
