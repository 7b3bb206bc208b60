package org.convscope.engine.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What a network has built and read so far, for the tests that check a request builds and loads
 * only what its outputs depend on. Counting costs a list append per layer built or read.
 */
final class BuildStatistics {

    private final List<String> built = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();

    synchronized void built(String node) {
        built.add(node);
    }

    synchronized void loaded(String node) {
        loaded.add(node);
    }

    /** @return every node added to a graph, in order, once per graph it was added to */
    synchronized List<String> built() {
        return List.copyOf(built);
    }

    /** @return the nodes whose weights were read from the model, in order, once per read */
    synchronized List<String> loaded() {
        return List.copyOf(loaded);
    }
}
