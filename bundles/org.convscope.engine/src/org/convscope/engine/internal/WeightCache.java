package org.convscope.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.WeightSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each layer's weights on the native side, read when a graph first needs them and then shared by
 * every graph built for the network (one per input shape, one per gradient objective), so that
 * they are read and held once. Kept by {@link WeightSource}: the nodes of a shared layer, applied
 * several times, have the same source and so share one copy.
 */
final class WeightCache implements AutoCloseable {

    private final Map<WeightSource, List<INDArray>> arrays = new IdentityHashMap<>();
    private final BuildStatistics stats;

    WeightCache() {
        this(new BuildStatistics());
    }

    WeightCache(BuildStatistics stats) {
        this.stats = stats;
    }

    List<INDArray> weights(LayerSpec layer) {
        List<INDArray> w = arrays.get(layer.weights());
        if (w == null) {
            List<Tensor> loaded;
            try {
                loaded = layer.weights().load();
            } catch (IOException e) {
                throw new UncheckedIOException(
                        MessageBundles.bind(Messages.cannotLoadWeights, layer.name(), e.getMessage()), e);
            }
            if (!loaded.isEmpty()) {
                stats.loaded(layer.name());
            }
            w = new ArrayList<>(loaded.size());
            for (Tensor t : loaded) {
                w.add(NdArrays.toNd(t));
            }
            arrays.put(layer.weights(), w);
        }
        return w;
    }

    /** @return the bytes of the weights read so far */
    long bytes() {
        return arrays.values().stream().flatMap(List::stream).mapToLong(a -> a.length() * a.dataType().width()).sum();
    }

    @Override
    public void close() {
        arrays.values().forEach(list -> list.forEach(NdArrays::release));
        arrays.clear();
    }
}
