package org.convscope.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.LayerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each layer's weights on the native side, loaded once and shared by every graph built for the
 * network (one per input shape, one per gradient objective), so that they are held once.
 */
final class WeightCache implements AutoCloseable {

    private final Map<String, List<INDArray>> arrays = new HashMap<>();

    List<INDArray> weights(LayerSpec layer) {
        List<INDArray> w = arrays.get(layer.name());
        if (w == null) {
            List<Tensor> loaded;
            try {
                loaded = layer.weights().load();
            } catch (IOException e) {
                throw new UncheckedIOException(
                        MessageBundles.bind(Messages.cannotLoadWeights, layer.name(), e.getMessage()), e);
            }
            w = new ArrayList<>(loaded.size());
            for (Tensor t : loaded) {
                w.add(NdArrays.toNd(t));
            }
            arrays.put(layer.name(), w);
        }
        return w;
    }

    @Override
    public void close() {
        arrays.values().forEach(list -> list.forEach(NdArrays::release));
        arrays.clear();
    }
}
