package org.convscope.core.keras;

import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * Base of the mappers for layers with one input and one output; an unknown input shape gives an
 * unknown output shape without asking the subclass.
 */
abstract class SingleInputMapper implements LayerMapper {

    private final LayerCategory category;

    SingleInputMapper(LayerCategory category) {
        this.category = category;
    }

    @Override
    public LayerCategory category() {
        return category;
    }

    @Override
    public final List<TensorShape> outputShapes(LayerConfig config, List<TensorShape> inputs) {
        TensorShape in = single(config, inputs);
        return List.of(in.isKnown() ? output(config, in) : TensorShape.unknown());
    }

    @Override
    public final Params params(LayerConfig config, List<TensorShape> inputs) {
        TensorShape in = single(config, inputs);
        return in.isKnown() ? params(config, in) : paramsWithoutShape(config);
    }

    /**
     * @param config the layer's config
     * @param in     the known input shape
     * @return the output shape
     */
    abstract TensorShape output(LayerConfig config, TensorShape in);

    /**
     * @param config the layer's config
     * @param in     the known input shape
     * @return the parameter counts; none by default
     */
    Params params(LayerConfig config, TensorShape in) {
        return Params.NONE;
    }

    /**
     * @param config the layer's config
     * @return the counts when the input shape is unknown: those of {@link #params(LayerConfig, TensorShape)}
     *         need a shape, so unknown unless the layer has no weights at all
     */
    Params paramsWithoutShape(LayerConfig config) {
        return hasWeights() ? Params.UNKNOWN : Params.NONE;
    }

    /** @return whether the layer class ever has weights */
    boolean hasWeights() {
        return false;
    }

    private static TensorShape single(LayerConfig config, List<TensorShape> inputs) {
        if (inputs.size() != 1) {
            throw new ShapeException(MessageBundles.bind(Messages.takesOneInput, config.className(), inputs.size()));
        }
        return inputs.get(0);
    }

    /**
     * @param in        a known shape
     * @param message   what is required
     * @param minRank   the smallest rank allowed
     * @throws ShapeException if the rank is smaller
     */
    static void requireRank(TensorShape in, int minRank, String message) {
        if (in.rank() < minRank) {
            throw new ShapeException(MessageBundles.bind(Messages.requirementGot, message, in));
        }
    }
}
