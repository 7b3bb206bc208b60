package org.convscope.ui.filters;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.FilterAnalysis;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.analysis.PatternCache;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatterns;
import org.convscope.ui.EngineProvider;
import org.convscope.ui.OpenModel;

/**
 * Filter patterns of the open model, for the Filters view and its tests: which layers have
 * patterns, and computing them by {@link FilterAnalysis} (cached per layer, filter and options by
 * {@link FilterPatterns}). Holds the model's network until closed.
 */
public final class FiltersProvider extends EngineProvider {

    /**
     * A finished run.
     *
     * @param filters  the filters drawn, in the asked order (those the layer has)
     * @param patterns their patterns, in that order
     */
    public record Patterns(int[] filters, List<FilterPattern> patterns) {
    }

    private FilterPatterns patterns;

    /**
     * @throws org.convscope.engine.analysis.InputException when the model does not take one image
     *                                                      input with known channels
     */
    public FiltersProvider(OpenModel model, Function<ModelGraph, Network> engine) {
        // checked first: a provider never made would never let go of the model's file
        super(takesImages(model), engine);
    }

    private static OpenModel takesImages(OpenModel model) {
        ModelInputs.channels(model.graph(), model.file());
        return model;
    }

    /** @return a provider running on the engine */
    public static FiltersProvider of(OpenModel model) {
        return new FiltersProvider(model, Engine::open);
    }

    /** @return the options of {@code preset} at the size this model runs at (its own when fixed) */
    public FilterPatternOptions options(String preset) {
        return FilterAnalysis.options(model().graph(), request(null, null, preset));
    }

    private static FilterAnalysis.Request request(String layer, int[] filters, String preset) {
        return new FilterAnalysis.Request(layer, filters, preset, null, null, null, null, null, null);
    }

    /**
     * @return the layers with a 4-D output, in the model's order: the ones that have filter
     *         patterns; from the graph model's inferred shapes, so that no engine work blocks the caller
     */
    public List<String> layers() {
        return analysisLayers().filterLayers();
    }

    /** @return the filter count of {@code layerId}, 0 when it has no 4-D output or several outputs */
    public int filterCount(String layerId) {
        return analysisLayers().filterCount(layerId);
    }

    /**
     * Computes the patterns, reporting each as soon as it is known (on the calling thread).
     *
     * @param layer   a layer id, or a nested model's with one output
     * @param filters the filters asked ({@link AnalysisOptions#filters}); those the layer lacks are left out
     * @param preset  the preset's name
     * @throws org.convscope.core.analysis.AnalysisException when the model has no such layer, the
     *                                                       engine cannot compute it, or it has none
     *                                                       of the filters
     * @throws org.convscope.core.progress.CancelledException when cancelled
     */
    public Patterns compute(String layer, int[] filters, String preset, ProgressMonitor monitor,
            Consumer<FilterPattern> each) {
        FilterAnalysis.Plan plan = FilterAnalysis.plan(model().graph(), model().file(), analysisLayers().names(),
                request(layer, filters, preset));
        return network().with(n -> {
            int[] kept = FilterAnalysis.select(n, plan, filters).required();
            return new Patterns(kept, patterns(n, plan).compute(plan.node(), kept, plan.options(), monitor, each));
        });
    }

    /**
     * The patterns' memory cache lives as long as the network it computed them with; behind it, the
     * command line's disk cache, so that a layer drawn once, here or by {@code convscope filters},
     * opens at once.
     */
    private synchronized FilterPatterns patterns(Network n, FilterAnalysis.Plan plan) {
        if (patterns == null) {
            patterns = FilterAnalysis.patterns(n, plan);
            try {
                patterns.setStore(PatternCache.of(PatternCache.defaultFolder(System.getenv()), model().file(),
                        plan.preprocessing()));
            } catch (IOException e) {
                // the model cannot be hashed (e.g. gone from disk): patterns are computed, as without a cache
            }
        }
        return patterns;
    }
}
