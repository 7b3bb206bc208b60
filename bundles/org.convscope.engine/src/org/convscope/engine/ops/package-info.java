/**
 * One small operation per Keras layer family, found through {@link org.convscope.engine.ops.OpRegistry}.
 * Each operation reads its layer's Keras config and weights and adds the layer's computation to a
 * SameDiff graph in Keras's layout (NHWC activations, HWIO kernels), so that no transpose is needed
 * and libnd4j can dispatch convolutions to oneDNN. Internal to the engine; exported to its tests.
 */
package org.convscope.engine.ops;
