package org.convscope.engine.ops;

/**
 * Adds one Keras layer's computation to the graph being built. Implementations are stateless and
 * shared; everything a call needs comes in the {@link OpContext}.
 */
@FunctionalInterface
public interface LayerOp {

    /**
     * @param ctx the layer's config, weights and inputs
     * @return the layer's output and its shape
     * @throws UnsupportedConfigException when the layer uses an option this engine cannot run
     */
    OpOutput build(OpContext ctx) throws UnsupportedConfigException;
}
