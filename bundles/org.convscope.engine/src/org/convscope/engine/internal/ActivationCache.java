package org.convscope.engine.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.convscope.core.tensor.Tensor;

/**
 * Activations by input, least recently used dropped first once the total (the inputs, which the
 * keys hold, and their activations) passes a byte budget.
 * Inputs are compared by content, so an image loaded twice hits the cache too. The entry in use
 * is never dropped, however large.
 */
final class ActivationCache {

    private final long budgetBytes;
    private final LinkedHashMap<InputKey, Map<String, Tensor>> entries = new LinkedHashMap<>(16, 0.75f, true);

    ActivationCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** @return the (mutable) activations known for these inputs, created empty when new */
    Map<String, Tensor> of(List<Tensor> inputs) {
        InputKey key = new InputKey(List.copyOf(inputs));
        Map<String, Tensor> m = entries.computeIfAbsent(key, k -> new HashMap<>());
        trim(m);
        return m;
    }

    /** Drops least recently used entries, other than {@code keep}, while over budget. */
    void trim(Map<String, Tensor> keep) {
        long total = 0;
        for (Map.Entry<InputKey, Map<String, Tensor>> e : entries.entrySet()) {
            total += e.getKey().bytes() + bytes(e.getValue());
        }
        for (Iterator<Map.Entry<InputKey, Map<String, Tensor>>> it = entries.entrySet().iterator(); it.hasNext()
                && total > budgetBytes;) {
            Map.Entry<InputKey, Map<String, Tensor>> e = it.next();
            if (e.getValue() != keep) {
                total -= e.getKey().bytes() + bytes(e.getValue());
                it.remove();
            }
        }
    }

    void clear() {
        entries.clear();
    }

    /** @return how many inputs there are activations of */
    int size() {
        return entries.size();
    }

    /** Drops, for every input, the activations of the layers {@code stale} says are stale. */
    void drop(Predicate<String> stale) {
        for (Map<String, Tensor> e : entries.values()) {
            e.keySet().removeIf(stale);
        }
    }

    private static long bytes(Map<String, Tensor> activations) {
        long n = 0;
        for (Tensor t : activations.values()) {
            n += 4L * t.size();
        }
        return n;
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

        /** @return the bytes of the inputs the key holds (a batch of 32 images at 224² is 19 MB) */
        long bytes() {
            long n = 0;
            for (Tensor t : inputs) {
                n += 4L * t.size();
            }
            return n;
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
