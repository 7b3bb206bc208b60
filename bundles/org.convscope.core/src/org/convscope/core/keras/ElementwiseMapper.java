package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * {@code Add}, {@code Subtract}, {@code Multiply}, {@code Average}, {@code Maximum},
 * {@code Minimum}: inputs broadcast against each other as Keras's {@code Merge} layer does
 * (a squeeze-and-excitation {@code Multiply} of {@code (h, w, c)} by {@code (1, 1, c)} gives
 * {@code (h, w, c)}); an unfixed dimension on either side stays unfixed.
 */
final class ElementwiseMapper implements LayerMapper {

    @Override
    public LayerCategory category() {
        return LayerCategory.MERGE;
    }

    @Override
    public List<TensorShape> outputShapes(LayerConfig c, List<TensorShape> inputs) {
        if (inputs.isEmpty()) {
            throw new ShapeException(MessageBundles.bind(Messages.needsInputs, c.className()));
        }
        if (inputs.stream().anyMatch(s -> !s.isKnown() || s.rank() < 1)) {
            return List.of(TensorShape.unknown());
        }
        List<Integer> out = inputs.get(0).dims().subList(1, inputs.get(0).rank());
        for (int i = 1; i < inputs.size(); i++) {
            TensorShape s = inputs.get(i);
            out = broadcast(out, s.dims().subList(1, s.rank()));
        }
        Set<Integer> batches = new HashSet<>();
        for (TensorShape s : inputs) {
            if (s.dim(0) != null) {
                batches.add(s.dim(0));
            }
        }
        List<Integer> full = new ArrayList<>();
        full.add(batches.size() == 1 ? batches.iterator().next() : null);
        full.addAll(out);
        return List.of(TensorShape.of(full));
    }

    private static List<Integer> broadcast(List<Integer> a, List<Integer> b) {
        if (a.size() < b.size()) {
            return broadcast(b, a);
        }
        List<Integer> out = new ArrayList<>(a.subList(0, a.size() - b.size()));
        for (int k = 0; k < b.size(); k++) {
            Integer i = a.get(a.size() - b.size() + k);
            Integer j = b.get(k);
            if (i == null || j == null) {
                out.add(null);
            } else if (i == 1) {
                out.add(j);
            } else if (j == 1 || i.equals(j)) {
                out.add(i);
            } else {
                throw new ShapeException(MessageBundles.bind(Messages.cannotMerge, a, b));
            }
        }
        return out;
    }
}
