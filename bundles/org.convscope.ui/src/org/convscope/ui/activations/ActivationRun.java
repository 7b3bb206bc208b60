package org.convscope.ui.activations;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.convscope.core.tensor.Tensor;

/**
 * Every layer's activation for one input, as one forward pass gave them. Plain Java arrays: no
 * native memory is held.
 *
 * @param input    the input
 * @param outputs  layer id → output (batch axis kept)
 * @param rows     one row per layer, in the model's layer order
 * @param millis   how long loading and the forward pass took
 */
public record ActivationRun(InputKey input, Map<String, Tensor> outputs, List<LayerRow> rows, long millis) {

    public ActivationRun {
        outputs = Map.copyOf(outputs);
        rows = List.copyOf(rows);
    }

    /** @return the output of {@code layerId}, empty when the engine could not compute it */
    public Optional<Tensor> output(String layerId) {
        return Optional.ofNullable(outputs.get(layerId));
    }

    /** @return the row of {@code layerId} */
    public Optional<LayerRow> row(String layerId) {
        return rows.stream().filter(r -> r.layerId().equals(layerId)).findFirst();
    }
}
