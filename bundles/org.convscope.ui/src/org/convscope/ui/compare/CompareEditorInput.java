package org.convscope.ui.compare;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.convscope.ui.ComputedEditorInput;
import org.convscope.ui.activations.ActivationProvider;
import org.convscope.ui.activations.InputKey;

/**
 * What a compare editor shows: one model, two or more inputs, and the layer first shown (the
 * editor can switch layers in place).
 *
 * @param provider the model's activations
 * @param inputs   the inputs, in pane order; the difference is the first minus the second
 * @param layerId  the layer shown first
 */
public record CompareEditorInput(ActivationProvider provider, List<InputKey> inputs, String layerId)
        implements
            ComputedEditorInput {

    public CompareEditorInput {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(layerId, "layerId");
        inputs = List.copyOf(inputs);
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("a comparison needs two or more inputs");
        }
    }

    @Override
    public String getName() {
        return Messages.bind(Messages.editorName, inputs.stream().map(InputKey::fileName)
                .collect(Collectors.joining(" \u2194 ")));
    }

    @Override
    public String getToolTipText() {
        return provider.model().fileName() + ": " + inputs.stream().map(k -> k.file().toString())
                .collect(Collectors.joining(", "));
    }
}
