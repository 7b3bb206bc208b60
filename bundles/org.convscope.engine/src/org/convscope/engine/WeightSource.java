package org.convscope.engine;

import java.io.IOException;
import java.util.List;

import org.convscope.core.tensor.Tensor;

/** Loads one layer's weights (float32, Keras's layout and order) when the engine needs them. */
@FunctionalInterface
public interface WeightSource {

    /** A layer without weights. */
    WeightSource NONE = List::of;

    /** @return the weights, e.g. kernel then bias */
    List<Tensor> load() throws IOException;
}
