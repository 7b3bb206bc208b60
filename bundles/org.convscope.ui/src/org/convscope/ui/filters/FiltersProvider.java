package org.convscope.ui.filters;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerNames;
import org.convscope.engine.Network;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatterns;
import org.convscope.ui.NetworkHolder;
import org.convscope.ui.ModelProvider;
import org.convscope.ui.OpenModel;
import org.convscope.ui.activations.PreprocessingGuess;

/**
 * Filter patterns of the open model, for the Filters view and its tests: which layers have
 * patterns, and computing them (cached per layer, filter and options by {@link FilterPatterns}).
 * Holds the model's network until closed.
 */
public final class FiltersProvider implements ModelProvider {

    private final OpenModel model;
    private final NetworkHolder network;
    private final int channels;
    private final Integer fixedSize;
    private FilterPatterns patterns;
    private LayerNames names;

    /**
     * @throws AnalysisException when the model does not take one image input
     */
    public FiltersProvider(OpenModel model, Function<ModelGraph, Network> engine) {
        this.model = model;
        List<TensorShape> inputs = model.graph().inputShapes();
        if (inputs.size() != 1 || inputs.get(0).rank() != 4 || inputs.get(0).dim(3) == null) {
            throw new AnalysisException(Messages.bind(Messages.notImageModel, inputs));
        }
        this.channels = inputs.get(0).dim(3);
        Integer h = inputs.get(0).dim(1);
        this.fixedSize = h != null && h.equals(inputs.get(0).dim(2)) ? h : null;
        // last: a provider never made would never let go of the model's file
        this.network = new NetworkHolder(model, engine);
    }

    /** @return a provider running on the engine */
    public static FiltersProvider of(OpenModel model) {
        return new FiltersProvider(model, Engine::open);
    }

    @Override
    public OpenModel model() {
        return model;
    }

    /** @return the options of {@code preset} at the size this model runs at (its own when fixed) */
    public FilterPatternOptions options(String preset) {
        FilterPatternOptions o = FilterPatternOptions.preset(preset);
        return fixedSize != null && fixedSize != o.size() ? o.withSize(fixedSize) : o;
    }

    /**
     * @return the layers with a 4-D output, in the model's order: the ones that have filter patterns;
     *         a nested model with one output among them; from the graph model's inferred shapes, so
     *         that no engine work blocks the caller
     */
    public List<String> layers() {
        List<String> out = new ArrayList<>();
        for (Layer l : model.graph().allLayers()) {
            if (l.category() != LayerCategory.INPUT && filterCount(l.id()) > 0) {
                out.add(l.id());
            }
        }
        return out;
    }

    /** @return the filter count of {@code layerId}, 0 when it has no 4-D output or several outputs */
    public int filterCount(String layerId) {
        if (!names().contains(layerId) || names().nodes(layerId).size() != 1) {
            return 0;
        }
        return model.graph().allLayers().stream().filter(l -> l.id().equals(layerId)).findFirst()
                .map(FiltersProvider::filterCount).orElse(0);
    }

    private static int filterCount(Layer l) {
        List<TensorShape> shapes = l.outputShapes();
        if (shapes.isEmpty() || shapes.get(0).rank() != 4 || shapes.get(0).dim(3) == null) {
            return 0;
        }
        return shapes.get(0).dim(3);
    }

    private synchronized LayerNames names() {
        if (names == null) {
            names = LayerNames.of(model.graph());
        }
        return names;
    }

    /**
     * Computes the patterns, reporting each as soon as it is known (on the calling thread).
     *
     * @param layer a layer id, or a nested model's with one output
     * @throws AnalysisException when the model has no such layer or the engine cannot compute it

     * @throws org.convscope.core.progress.CancelledException when cancelled
     */
    public List<FilterPattern> compute(String layer, int[] filters, FilterPatternOptions options,
            ProgressMonitor monitor, Consumer<FilterPattern> each) {
        String node = names().node(layer);
        return network.with(n -> patterns(n).compute(node, filters, options, monitor, each));
    }

    /** The patterns' cache lives as long as the network it computed them with. */
    private synchronized FilterPatterns patterns(Network n) {
        if (patterns == null) {
            Preprocessing pre = PreprocessingGuess.forModel(model.file(), model.graph().name()).preprocessing();
            patterns = new FilterPatterns(n, channels, pre);
        }
        return patterns;
    }

    /**
     * Frees the network, at once or when the computation under way ends; returns at once (the view
     * closes its provider on the UI thread when another model opens).
     */
    @Override
    public void close() {
        network.close();
    }
}
