package org.convscope.core.model;

import java.util.Objects;

/**
 * One tensor flowing into a layer call, named as Keras names it: the producing layer, the index
 * of that layer's call (node) and which of that call's outputs. Keras prints it as
 * {@code conv2d[0][0]}.
 *
 * <p>The node index is Keras's own: for a nested functional model Keras counts the model's
 * internal node first, so its first call in the outer model is often node 1. Use
 * {@link Layer#node(int)} to resolve it.
 *
 * @param layer       the producing layer's name in the same model
 * @param nodeIndex   Keras's node index of the producing call
 * @param tensorIndex the output index within that call
 */
public record InboundRef(String layer, int nodeIndex, int tensorIndex) {

    public InboundRef {
        Objects.requireNonNull(layer, "layer");
        if (nodeIndex < 0 || tensorIndex < 0) {
            throw new IllegalArgumentException(
                    "negative index in " + layer + "[" + nodeIndex + "][" + tensorIndex + "]");
        }
    }

    /** @return Keras's notation, {@code name[node][tensor]} */
    @Override
    public String toString() {
        return layer + "[" + nodeIndex + "][" + tensorIndex + "]";
    }
}
