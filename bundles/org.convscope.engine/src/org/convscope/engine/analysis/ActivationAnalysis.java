package org.convscope.engine.analysis;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.Network;

/**
 * Layer activations: one forward pass of loaded inputs ({@link ModelInputs#load}) gives every
 * chosen layer's output, or why the engine could not compute it.
 */
public final class ActivationAnalysis {

    /**
     * One chosen layer's outcome.
     *
     * @param layer   the layer as chosen
     * @param output  its output (batch axis kept), or null when it could not be computed
     * @param failure why not, or null
     */
    public record LayerOutput(AnalysisLayers.Chosen layer, Tensor output, String failure) {

        /** @return whether the layer has an output */
        public boolean ok() {
            return output != null;
        }
    }

    private ActivationAnalysis() {
    }

    /**
     * @param input  the loaded inputs
     * @param layers the layers to compute (a node asked twice is computed once)
     * @return one outcome per chosen layer, in order
     */
    public static List<LayerOutput> run(Network network, Tensor input, List<AnalysisLayers.Chosen> layers) {
        ForwardResult result = network.forward(input, layers.stream().map(AnalysisLayers.Chosen::node).distinct()
                .toList());
        List<LayerOutput> out = new ArrayList<>(layers.size());
        for (AnalysisLayers.Chosen c : layers) {
            Tensor t = result.outputs().get(c.node());
            LayerFailure f = t == null ? result.failures().get(c.node()) : null;
            out.add(new LayerOutput(c, t, t != null
                    ? null
                    : f == null ? MessageBundles.bind(Messages.notComputed, c.name()) : f.message()));
        }
        return out;
    }
}
