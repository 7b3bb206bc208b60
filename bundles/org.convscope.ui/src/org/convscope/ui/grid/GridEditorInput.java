package org.convscope.ui.grid;

import java.util.Locale;
import java.util.Objects;

import org.convscope.ui.ComputedEditorInput;
import org.convscope.ui.activations.ActivationProvider;
import org.convscope.ui.activations.InputKey;

/**
 * What a grid editor shows: one layer of one model for one input. Not a file: the activations live
 * in the provider, which computes them once per input. Two inputs are equal when they name the
 * same provider, input and layer, so opening a grid twice brings the first editor to the front.
 *
 * @param provider the model's activations
 * @param input    the input image and its preprocessing
 * @param layerId  the layer ({@code Layer.id()})
 */
public record GridEditorInput(ActivationProvider provider, InputKey input,
        String layerId) implements ComputedEditorInput {

    public GridEditorInput {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(layerId, "layerId");
    }

    @Override
    public String getName() {
        return layerId + " · " + input.fileName();
    }

    @Override
    public String getToolTipText() {
        return provider.model().fileName() + " · " + layerId + " · " + input.file() + " ("
                + input.preprocessing().name().toLowerCase(Locale.ROOT) + ")";
    }
}
