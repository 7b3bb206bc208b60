package org.convscope.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a finished activation run tells the other parts: the data of
 * {@link ModelEvents#ACTIVATIONS_COMPUTED}. The graph view shows the real shapes on its edges and
 * the statistics on its nodes; no part holds engine arrays through this.
 *
 * @param model  the model that ran
 * @param inputs the input files, in batch order
 * @param layers per layer id ({@code Layer.id()}), its real output shape and statistics
 */
public record ComputedActivations(OpenModel model, List<Path> inputs, Map<String, LayerActivity> layers) {

    public ComputedActivations {
        Objects.requireNonNull(model, "model");
        inputs = List.copyOf(inputs);
        layers = Map.copyOf(layers);
    }

    /**
     * The small statistics a graph node shows after a run.
     *
     * @param shape        the real output shape, batch axis included
     * @param mean         mean over all values
     * @param max          largest value
     * @param zeroShare    share of values exactly zero, 0..1
     * @param deadChannels channels that are zero everywhere
     * @param channels     number of channels
     */
    public record LayerActivity(int[] shape, double mean, double max, double zeroShare, int deadChannels,
            int channels) {

        public LayerActivity {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }
}
