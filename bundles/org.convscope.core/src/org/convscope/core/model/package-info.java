/**
 * The immutable graph model of a Keras model, whatever file it came from: a
 * {@link org.convscope.core.model.ModelGraph} of {@link org.convscope.core.model.Layer}s, each
 * with its calls ({@link org.convscope.core.model.Node}s), inferred
 * {@link org.convscope.core.model.TensorShape}s, parameter counts and lazily loaded weights.
 * Nested models stay nested for display; {@link org.convscope.core.model.ModelGraph#flatten()}
 * gives the {@link org.convscope.core.model.ExecutionGraph} an engine runs.
 */
package org.convscope.core.model;
