package org.convscope.engine.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.tensor.Tensor;

/**
 * Activations by input, least recently used dropped first. Inputs are compared by content, so an
 * image loaded twice hits the cache too.
 */
final class ActivationCache {

    private final int capacity;
    private final LinkedHashMap<InputKey, Map<String, Tensor>> entries = new LinkedHashMap<>(16, 0.75f, true);

    ActivationCache(int capacity) {
        this.capacity = capacity;
    }

    /** @return the (mutable) activations known for these inputs, created empty when new */
    Map<String, Tensor> of(List<Tensor> inputs) {
        InputKey key = new InputKey(List.copyOf(inputs));
        Map<String, Tensor> m = entries.computeIfAbsent(key, k -> new HashMap<>());
        while (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
        return m;
    }

    void clear() {
        entries.clear();
    }

    private static final class InputKey {
        private final List<Tensor> inputs;
        private final int hash;

        InputKey(List<Tensor> inputs) {
            this.inputs = inputs;
            int h = 1;
            for (Tensor t : inputs) {
                h = 31 * h + Arrays.hashCode(t.shape());
                h = 31 * h + Arrays.hashCode(t.data());
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InputKey k && k.hash == hash && k.inputs.equals(inputs);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
