package org.convscope.core.io.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.io.WeightRef;
import org.convscope.core.io.WeightStore;

/** Weights filed under exact layer paths, as the Keras 3 layout stores them. */
public final class PathWeightStore implements WeightStore {

    private final Map<List<String>, List<WeightRef>> byPath = new LinkedHashMap<>();
    private final OpenFile file;

    /** @param file closed with the store */
    public PathWeightStore(OpenFile file) {
        this.file = file;
    }

    /** Files {@code refs} under {@code layerPath}, after any already there. */
    public void add(List<String> layerPath, List<WeightRef> refs) {
        if (!refs.isEmpty()) {
            byPath.computeIfAbsent(List.copyOf(layerPath), k -> new ArrayList<>()).addAll(refs);
        }
    }

    @Override
    public List<WeightRef> weights(List<String> layerPath) {
        List<WeightRef> refs = byPath.get(layerPath);
        return refs == null ? List.of() : List.copyOf(refs);
    }

    @Override
    public List<List<String>> layerPaths() {
        return List.copyOf(byPath.keySet());
    }

    @Override
    public void close() {
        file.close();
    }
}
