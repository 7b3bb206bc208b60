package org.convscope.core.model;

import java.util.List;

import org.convscope.core.text.MessageBundles;

/**
 * A model whose connections form a cycle, so that no layer order can compute it. Keras never
 * writes one; a damaged or hand-made file can.
 */
public class CyclicGraphException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> layers;

    /** @param layers the names of the layers on or behind the cycle */
    public CyclicGraphException(List<String> layers) {
        super(MessageBundles.bind(Messages.cycle, abbreviate(layers)));
        this.layers = List.copyOf(layers);
    }

    /** @return the names of the layers that could not be ordered */
    public List<String> layers() {
        return layers;
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 6
                ? String.join(", ", names)
                : MessageBundles.bind(Messages.andMore, String.join(", ", names.subList(0, 6)), names.size() - 6);
    }
}
