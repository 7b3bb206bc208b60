/** Plain-Java tensors: how numbers cross from the engine to renderers, writers and views. */
package org.convscope.core.tensor;
