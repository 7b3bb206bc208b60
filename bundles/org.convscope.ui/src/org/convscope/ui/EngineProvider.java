package org.convscope.ui;

import java.util.function.Function;

import org.convscope.core.model.ModelGraph;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.AnalysisLayers;

/**
 * What every provider computing with the engine has: its model, the model's network (made on first
 * use, freed on {@link #close()}), and the model's layers as the analyses name them.
 */
public abstract class EngineProvider implements ModelProvider {

    private final OpenModel model;
    private final NetworkHolder network;
    private AnalysisLayers layers;

    /**
     * @param model  the model
     * @param engine makes the executable network (the real engine, or a stand-in in tests)
     */
    protected EngineProvider(OpenModel model, Function<ModelGraph, Network> engine) {
        this.model = model;
        this.network = new NetworkHolder(model, engine);
    }

    @Override
    public final OpenModel model() {
        return model;
    }

    /** @return the model's network */
    protected final NetworkHolder network() {
        return network;
    }

    /** @return the model's layers as the analyses resolve them (read once, from the graph) */
    protected final synchronized AnalysisLayers analysisLayers() {
        if (layers == null) {
            layers = AnalysisLayers.of(model.graph());
        }
        return layers;
    }

    /**
     * Frees the network, at once or when the computation under way ends; returns at once (a view
     * closes its provider on the UI thread when another model opens). Results already handed out
     * stay usable.
     */
    @Override
    public final void close() {
        network.close();
    }
}
