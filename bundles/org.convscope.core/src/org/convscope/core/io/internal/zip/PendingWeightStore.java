package org.convscope.core.io.internal.zip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.convscope.core.io.WeightRef;
import org.convscope.core.io.WeightStore;

/**
 * A weight store whose structure is still being read on another thread: the graph of a large
 * model is built meanwhile. {@link #await()} waits for the read and throws what it found wrong;
 * until it has, asking for weights waits too.
 */
public final class PendingWeightStore implements WeightStore {

    private final WeightWalk walk;

    PendingWeightStore(WeightWalk walk) {
        this.walk = walk;
    }

    /**
     * Waits until the weights' structure is read.
     *
     * @throws IOException what reading it found wrong with the file
     */
    public void await() throws IOException {
        walk.join();
    }

    private WeightStore store() {
        try {
            return walk.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<WeightRef> weights(List<String> layerPath) {
        return store().weights(layerPath);
    }

    @Override
    public List<List<String>> layerPaths() {
        return store().layerPaths();
    }

    @Override
    public CompletionStage<Void> structureRead() {
        return walk.ended();
    }

    @Override
    public boolean structurePending() {
        return walk.pending();
    }

    @Override
    public void close() {
        walk.discard();
    }
}
