package org.convscope.core.io;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The weights of a model file, found by layer path. Nothing is read until a weight's
 * {@link WeightLoader} is called; closing the store releases the file, after which loaders fail.
 *
 * <p>A layer path names layers from the top model down: {@code ["block1_conv1"]}, or
 * {@code ["sequential_1", "dense"]} for a layer of a nested model. The Keras 2 HDF5 and
 * TensorFlow.js layouts also file every weight of a nested model under the nested model's own
 * path; the Keras 3 layout files weights only under the layer that owns them. Ask for the
 * innermost layers to get the same answer from every format.
 */
public interface WeightStore extends AutoCloseable {

    /**
     * @param layerPath layer names from the top model
     * @return the layer's weights in Keras's order (kernel, bias; gamma, beta, moving_mean,
     *         moving_variance; ...), or an empty list if the file holds none for it
     */
    List<WeightRef> weights(List<String> layerPath);

    /** @return every layer path that has at least one weight, in file order */
    List<List<String>> layerPaths();

    /**
     * The structure of a large archive's weights may be read on a thread of its own, while the
     * model's graph is built or, when deferred (see {@code KerasModels.openEarly}), from the
     * moment this is first called; until it is read, {@link #weights(List)} and
     * {@link #layerPaths()} wait for it.
     *
     * @return completes when the structure is read, exceptionally (an {@link java.io.IOException}
     *         naming the file and the problem) when reading it failed; every other store's is
     *         complete already
     */
    default CompletionStage<Void> structureRead() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * @return whether the structure is still to be read, or being read (asks nothing, starts
     *         nothing)
     */
    default boolean structurePending() {
        return false;
    }

    /** Releases the file. */
    @Override
    void close();

    /** @return a store with no weights, for files that hold structure only */
    static WeightStore empty() {
        return new WeightStore() {

            @Override
            public List<WeightRef> weights(List<String> layerPath) {
                return List.of();
            }

            @Override
            public List<List<String>> layerPaths() {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }
}
