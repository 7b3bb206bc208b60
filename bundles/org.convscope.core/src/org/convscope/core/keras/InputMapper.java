package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/**
 * {@code InputLayer}: its shape is declared, as {@code batch_shape} (Keras 3),
 * {@code batch_input_shape} (Keras 1/2, tfjs) or {@code input_shape}/{@code shape} without the
 * batch axis.
 */
final class InputMapper implements LayerMapper {

    @Override
    public LayerCategory category() {
        return LayerCategory.INPUT;
    }

    @Override
    public List<TensorShape> outputShapes(LayerConfig c, List<TensorShape> inputs) {
        return List.of(declared(c));
    }

    /**
     * @param c a layer config
     * @return the input shape the config declares (batch axis included), unknown if none
     */
    static TensorShape declared(LayerConfig c) {
        List<Integer> batch = c.dims("batch_shape", "batch_input_shape");
        if (batch != null) {
            return TensorShape.of(batch);
        }
        List<Integer> shape = c.dims("input_shape", "shape");
        if (shape != null) {
            List<Integer> full = new ArrayList<>();
            full.add(c.has("batch_size") ? c.integer(0, "batch_size") : null);
            full.addAll(shape);
            return TensorShape.of(full);
        }
        if (c.has("input_dim")) {
            return TensorShape.of(null, c.integer(0, "input_dim"));
        }
        return TensorShape.unknown();
    }
}
