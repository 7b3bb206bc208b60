package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/**
 * {@code Lambda}: its function is code and is never deserialised or run. Its output shape is
 * known only when the config states it as a plain list (without the batch axis); a function
 * there is code too and leaves the shape unknown.
 */
final class LambdaMapper implements LayerMapper {

    @Override
    public LayerCategory category() {
        return LayerCategory.LAYER;
    }

    @Override
    public List<TensorShape> outputShapes(LayerConfig c, List<TensorShape> inputs) {
        Object stated = c.get("output_shape");
        if (!(stated instanceof List<?> list) || "lambda".equals(c.get("output_shape_type"))) {
            return List.of(TensorShape.unknown());
        }
        Integer batch = inputs.size() > 0 && inputs.get(0).isKnown() && inputs.get(0).rank() > 0
                ? inputs.get(0).dim(0)
                : null;
        if (!list.isEmpty() && list.stream().allMatch(o -> o instanceof List)) {
            List<TensorShape> out = new ArrayList<>();
            for (Object o : list) {
                out.add(withBatch(batch, (List<?>) o));
            }
            return out;
        }
        return List.of(withBatch(batch, list));
    }

    private static TensorShape withBatch(Integer batch, List<?> dims) {
        List<Integer> out = new ArrayList<>();
        out.add(batch);
        for (Object o : dims) {
            if (o == null) {
                out.add(null);
            } else if (o instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
                out.add(l.intValue());
            } else {
                return TensorShape.unknown();
            }
        }
        return TensorShape.of(out);
    }
}
