/**
 * The engine's machinery: building a SameDiff graph from a {@link org.convscope.engine.NetworkSpec},
 * weights on the native side, conversions to plain tensors, the activation cache. Internal;
 * exported to the engine's tests only.
 */
package org.convscope.engine.internal;
