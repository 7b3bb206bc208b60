package org.convscope.core.io.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.io.WeightRef;
import org.convscope.core.io.WeightStore;

/**
 * Weights filed by top-level layer, each known by its variable name such as
 * {@code inner/d1/kernel:0}. This is how Keras 1 and 2 HDF5 files, Keras 3 legacy HDF5 and
 * TensorFlow.js manifests store them: a nested model's weights all sit under the nested model,
 * and only the name tells which inner layer owns each. Keras 2 names a nested layer's variable
 * {@code d1/kernel:0}, Keras 3 {@code inner/d1/kernel}; both are matched by the inner layer names.
 */
public final class NamedWeightStore implements WeightStore {

    private record Entry(List<String> scope, WeightRef ref) {
    }

    private final Map<String, List<Entry>> byLayer = new LinkedHashMap<>();
    private final OpenFile file;

    /** @param file closed with the store */
    public NamedWeightStore(OpenFile file) {
        this.file = file;
    }

    /**
     * Files a weight under a top-level layer.
     *
     * @param layer        the top-level layer name
     * @param variableName the stored name, e.g. {@code inner/d1/kernel:0}
     * @param ref          the weight, named by the last part of the variable name
     */
    public void add(String layer, String variableName, WeightRef ref) {
        byLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(new Entry(scope(layer, variableName), ref));
    }

    /** Makes sure {@code layer} is known even without weights. */
    public void addLayer(String layer) {
        byLayer.computeIfAbsent(layer, k -> new ArrayList<>());
    }

    /** @return the short name of a variable: the last path segment without {@code :0} */
    public static String shortName(String variableName) {
        String s = variableName.substring(variableName.lastIndexOf('/') + 1);
        int colon = s.lastIndexOf(':');
        return colon > 0 ? s.substring(0, colon) : s;
    }

    /**
     * The inner layers a variable belongs to, below {@code layer}. Keras 3 prefixes the owning
     * model's name ({@code sequential_convnet/conv2d/kernel} under layer {@code conv2d}); Keras 2
     * names a nested layer's variable from that layer alone ({@code base_bn/gamma:0} under the
     * nested model).
     */
    private static List<String> scope(String layer, String variableName) {
        List<String> parts = new ArrayList<>(List.of(variableName.split("/")));
        parts.remove(parts.size() - 1);
        int at = parts.indexOf(layer);
        return List.copyOf(at >= 0 ? parts.subList(at + 1, parts.size()) : parts);
    }

    @Override
    public List<WeightRef> weights(List<String> layerPath) {
        if (layerPath.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = byLayer.get(layerPath.get(0));
        List<String> inner = layerPath.subList(1, layerPath.size());
        List<WeightRef> out = new ArrayList<>();
        if (entries != null) {
            for (Entry e : entries) {
                if (inner.isEmpty() || matches(e.scope, inner)) {
                    out.add(e.ref);
                }
            }
        }
        if (out.isEmpty() && layerPath.size() > 1 && entries == null) {
            // TensorFlow.js manifests of Keras 2 nested models name inner weights without the
            // nested model's name, so they were filed under the inner layer itself.
            return weights(inner);
        }
        return List.copyOf(out);
    }

    private static boolean matches(List<String> scope, List<String> inner) {
        return !scope.isEmpty() && (endsWith(scope, inner) || endsWith(inner, scope));
    }

    private static boolean endsWith(List<String> list, List<String> suffix) {
        int n = list.size();
        int m = suffix.size();
        return n >= m && list.subList(n - m, n).equals(suffix);
    }

    @Override
    public List<List<String>> layerPaths() {
        Set<List<String>> paths = new LinkedHashSet<>();
        byLayer.forEach((layer, entries) -> {
            if (!entries.isEmpty()) {
                paths.add(List.of(layer));
            }
            for (Entry e : entries) {
                List<String> path = new ArrayList<>();
                path.add(layer);
                path.addAll(e.scope);
                paths.add(List.copyOf(path));
            }
        });
        return List.copyOf(paths);
    }

    @Override
    public void close() {
        file.close();
    }
}
