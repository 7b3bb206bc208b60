/**
 * The engine: runs a Keras model's graph on ND4J and hands back every layer's activations and
 * gradients as plain {@link org.convscope.core.tensor.Tensor}s (NHWC, batch axis kept, as Keras).
 * The only code in Convscope that touches ND4J; no ND4J type appears in this package's API.
 *
 * <p>Start with {@link org.convscope.engine.Engine#open(NetworkSpec)}, then call
 * {@link org.convscope.engine.Network#forward} and {@link org.convscope.engine.Network#gradients}.
 */
package org.convscope.engine;
