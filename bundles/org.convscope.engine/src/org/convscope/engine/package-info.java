/**
 * The engine: runs a Keras model's graph on ND4J and hands back every layer's activations and
 * gradients as plain {@link org.convscope.core.tensor.Tensor}s (NHWC, batch axis kept, as Keras).
 * The only code in Convscope that touches ND4J; no ND4J type appears in this package's API.
 *
 * <p>Start with {@link org.convscope.engine.Engine#open(NetworkSpec)}, then call
 * {@link org.convscope.engine.Network#forward} and {@link org.convscope.engine.Network#gradients}.
 *
 * <p>Texts a person reads (why a layer cannot run, why the engine cannot load, what a visualisation
 * needs) are in each package's {@code messages.properties}, read through
 * {@link org.convscope.core.text.MessageBundles}. Left in the code, as in the core: null checks,
 * {@code IllegalStateException}s of broken invariants, and {@code IllegalArgumentException}s that
 * only a caller's mistake raises (a result asked for a layer it was not asked to compute, tiles of
 * different sizes, two nodes of one name, objective weights that do not fit).
 */
package org.convscope.engine;
