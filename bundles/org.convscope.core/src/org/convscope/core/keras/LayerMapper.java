package org.convscope.core.keras;

import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;

/**
 * What Convscope knows about one Keras layer class: its category, how its output shapes follow
 * from its input shapes and config, and how many parameters it has. Implementations are
 * stateless and registered by class name in {@link LayerMappers}.
 */
interface LayerMapper {

    /** @return the category for colouring */
    LayerCategory category();

    /**
     * @param config the layer's config
     * @param inputs the shapes of one call's inputs; some may be unknown
     * @return the shapes of that call's outputs, unknown where they cannot be inferred
     * @throws ShapeException if config and input shapes contradict each other
     */
    List<TensorShape> outputShapes(LayerConfig config, List<TensorShape> inputs);

    /**
     * @param config the layer's config
     * @param inputs the shapes of the first call's inputs, which is when Keras creates the weights
     * @return the counts as if the layer were trainable, or {@link Params#UNKNOWN}
     */
    default Params params(LayerConfig config, List<TensorShape> inputs) {
        return Params.NONE;
    }
}
