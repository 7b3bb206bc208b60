package org.convscope.ui.atlas;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.render.RgbImage;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.analysis.FilterAnalysis;
import org.convscope.engine.analysis.PatternCache;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;

/**
 * The feature visualisations already computed for the store's model, by the Filters view or
 * {@code convscope filters}: looked up in their disk cache ({@link PatternCache}, keyed by the
 * model's content, layer and options), one preset after the other, never computed here.
 */
public final class PatternLookup {

    private static final AtomicReference<Path> ROOT = new AtomicReference<>();

    private final PatternCache cache;
    private final List<FilterPatternOptions> presets;

    private PatternLookup(PatternCache cache, List<FilterPatternOptions> presets) {
        this.cache = cache;
        this.presets = presets;
    }

    /**
     * @param graph     the model
     * @param modelFile its file
     * @return the lookup of this model's patterns, or null when the cache cannot be keyed
     */
    static PatternLookup of(ModelGraph graph, Path modelFile, Preprocessing preprocessing) {
        List<FilterPatternOptions> presets = new ArrayList<>();
        for (String p : AnalysisOptions.PRESETS) {
            presets.add(FilterAnalysis.options(graph,
                    new FilterAnalysis.Request(null, null, p, null, null, null, null, null, null)));
        }
        try {
            return new PatternLookup(PatternCache.of(root(), modelFile, preprocessing), presets);
        } catch (IOException e) {
            // the model cannot be read now: the atlas shows no patterns
            return null;
        }
    }

    /** @return the cache folder: the one tests set, else the user's ({@link PatternCache#defaultFolder}) */
    static Path root() {
        Path r = ROOT.get();
        return r != null ? r : PatternCache.defaultFolder(Map.copyOf(System.getenv()));
    }

    /**
     * Sets the cache folder looked in (tests); null for the user's.
     *
     * @return the previous one
     */
    public static Path setRoot(Path root) {
        return ROOT.getAndSet(root);
    }

    /**
     * @param node    the engine node of the layer (as the Filters view keys its patterns)
     * @param channel a channel
     * @return its pattern in the first preset that has one, or null
     */
    RgbImage pattern(String node, int channel) {
        for (FilterPatternOptions o : presets) {
            FilterPattern p = cache.get(node, channel, 0, o, "");
            if (p != null) {
                return p.tile();
            }
        }
        return null;
    }
}
