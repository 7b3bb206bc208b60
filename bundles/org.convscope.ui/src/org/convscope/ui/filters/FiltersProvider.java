package org.convscope.ui.filters;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.FilterAnalysis;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.analysis.PatternCache;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatternOptions.ObjectiveKind;
import org.convscope.engine.visualize.FilterPatterns;
import org.convscope.engine.visualize.PatternStore;
import org.convscope.ui.EngineProvider;
import org.convscope.ui.OpenModel;

/**
 * Filter patterns of the open model, for the Filters view and its tests: which layers have
 * patterns, a layer's atlas by {@link FilterAnalysis} for any preset and objective (cached per
 * layer, filter and options by {@link FilterPatterns}, and on disk by {@link PatternCache}), and a
 * layer's activation for an input, to show beside a channel's pattern. Holds the model's network
 * until closed.
 */
public final class FiltersProvider extends EngineProvider {

    /**
     * A finished run.
     *
     * @param filters  the filters drawn, in the asked order (those the layer has)
     * @param patterns their patterns, in that order
     */
    public record Patterns(int[] filters, List<FilterPattern> patterns, Run run) {

        /** A run of the notebook's channel objective, as the command line's {@code filters} draws it. */
        public Patterns(int[] filters, List<FilterPattern> patterns) {
            this(filters, patterns, null);
        }
    }

    /**
     * How a run went.
     *
     * @param layer    the layer as named
     * @param options  the settings the engine ran with
     * @param computed patterns computed in this run
     * @param fromDisk patterns read from the disk cache in this run (the others came from memory
     *                 or were computed)
     */
    public record Run(String layer, FilterPatternOptions options, int computed, int fromDisk) {

        /** @return patterns each filter has: 4 with a diversity penalty, else 1 */
        public int copies() {
            return options.copies();
        }
    }

    /** Layer outputs kept for the pane beside a pattern: a few inputs' worth of one layer each. */
    private static final int ACTIVATIONS_KEPT = 8;

    private FilterPatterns patterns;
    private final CountingStore store = new CountingStore();
    private final Map<String, Tensor> activations = new LinkedHashMap<>(16, 0.75f, true);

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

    /**
     * @return the settings the engine will run with for {@code settings}, at the size this model
     *         runs at (its own when fixed)
     * @throws org.convscope.core.analysis.AnalysisException for a setting the engine refuses
     */
    public FilterPatternOptions options(AtlasSettings settings) {
        return FilterAnalysis.options(model().graph(), settings.request(null));
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
     * Computes the patterns of the channel objective with a preset's settings, reporting each as
     * soon as it is known (on the calling thread).
     *
     * @param layer   a layer id, or a nested model's with one output
     * @param filters the filters asked ({@link org.convscope.engine.analysis.AnalysisOptions#filters}); those the layer lacks are left out
     * @param preset  the preset's name
     * @throws org.convscope.core.analysis.AnalysisException when the model has no such layer, the
     *                                                       engine cannot compute it, or it has none
     *                                                       of the filters
     * @throws org.convscope.core.progress.CancelledException when cancelled
     */
    public Patterns compute(String layer, int[] filters, String preset, ProgressMonitor monitor,
            Consumer<FilterPattern> each) throws IOException {
        AtlasSettings s = new AtlasSettings(AtlasSettings.DEFAULT.filters(), preset, null, null,
                AtlasSettings.DEFAULT.objective(), 0, "", 0f, 0L);
        return compute(layer, filters, s, monitor, each);
    }

    /**
     * A layer's atlas: the patterns {@code settings} ask for, reporting each as soon as it is known
     * (those in a cache first, then batch by batch, on the calling thread).
     *
     * @param layer a layer id, or a nested model's with one output; for the class objective, ignored:
     *              the units are the model's last layer's
     * @throws IOException                                    naming a direction file or image that
     *                                                        cannot be read
     * @throws org.convscope.core.analysis.AnalysisException when the model has no such layer, the
     *                                                       engine cannot compute it, it has none of
     *                                                       the filters, or a setting is refused
     * @throws org.convscope.core.progress.CancelledException when cancelled
     */
    public Patterns compute(String layer, AtlasSettings settings, ProgressMonitor monitor,
            Consumer<FilterPattern> each) throws IOException {
        return compute(layer, settings.askedFilters(), settings, monitor, each);
    }

    private Patterns compute(String layer, int[] asked, AtlasSettings settings, ProgressMonitor monitor,
            Consumer<FilterPattern> each) throws IOException {
        String l = settings.objectiveKind() == ObjectiveKind.CLASS ? lastLayer() : layer;
        FilterAnalysis.Plan plan = FilterAnalysis.plan(model().graph(), model().file(), analysisLayers().names(),
                settings.request(l));
        return network().with(n -> {
            float[][] directions = settings.objectiveKind() == ObjectiveKind.DIRECTION
                    ? directions(n, plan, settings.direction())
                    : null;
            int[] kept = FilterAnalysis.select(n, plan, asked, directions).required();
            FilterPatterns p = patterns(n, plan);
            int computedBefore = store.puts.get();
            int diskBefore = store.hits.get();
            List<FilterPattern> out = p.compute(plan.node(), kept, plan.options(), directions, monitor, each);
            return new Patterns(kept, out, new Run(l, plan.options(), store.puts.get() - computedBefore,
                    store.hits.get() - diskBefore));
        });
    }

    private float[][] directions(Network n, FilterAnalysis.Plan plan, String spec) throws IOException {
        try {
            return FilterAnalysis.directions(model().graph(), model().file(), n, plan, spec);
        } catch (NoSuchFileException e) {
            throw new IOException(Messages.bind(Messages.noSuchFile, e.getFile()), e);
        }
    }

    /** @return the layer whose units the class objective draws: the one computing the model's first output */
    public String lastLayer() {
        String node = analysisLayers().scoreNode();
        return model().graph().allLayers().stream().map(x -> x.id())
                .filter(id -> analysisLayers().names().contains(id) && analysisLayers().names().nodes(id).equals(
                        List.of(node)))
                .reduce((a, b) -> b).orElse(node);
    }

    /**
     * The output of {@code layer} for one input image, kept for the next ask.
     *
     * @param image         the input image (or {@code .npy})
     * @param preprocessing the person's preprocessing, or null for the model's
     * @throws IOException naming the image when it cannot be read
     * @throws org.convscope.core.analysis.AnalysisException when the engine cannot run the layer
     */
    public Tensor activation(Path image, Preprocessing preprocessing, String layer, ProgressMonitor monitor)
            throws IOException {
        Preprocessing pre = ModelInputs.preprocessing(model().file(), model().graph().name(), preprocessing)
                .preprocessing();
        String key = image.toAbsolutePath() + "\n" + pre + "\n" + layer;
        synchronized (activations) {
            Tensor t = activations.get(key);
            if (t != null) {
                return t;
            }
        }
        network().requireOpen();
        Tensor x = ModelInputs.load(model().graph(), model().file(), List.of(image), pre, null).tensor();
        monitor.checkCanceled();
        String node = analysisLayers().names().node(layer);
        Tensor out = network().with(n -> n.forward(x, List.of(node)).output(node));
        synchronized (activations) {
            activations.put(key, out);
            while (activations.size() > ACTIVATIONS_KEPT) {
                activations.remove(activations.keySet().iterator().next());
            }
        }
        return out;
    }

    /** @return whether {@code layer}'s output for these arguments is kept, so that it shows at once */
    public boolean hasActivation(Path image, Preprocessing preprocessing, String layer) {
        Preprocessing pre = ModelInputs.preprocessing(model().file(), model().graph().name(), preprocessing)
                .preprocessing();
        synchronized (activations) {
            return activations.containsKey(image.toAbsolutePath() + "\n" + pre + "\n" + layer);
        }
    }

    /**
     * The patterns' memory cache lives as long as the network it computed them with; behind it, the
     * disk cache the command line uses, so that a layer drawn once, here or by
     * {@code convscope filters}, opens at once. Every preset's patterns are kept, where the command
     * line keeps only {@code lucid}'s unless asked: a view hashes the model once for as long as it
     * is open, a command once per run.
     */
    private synchronized FilterPatterns patterns(Network n, FilterAnalysis.Plan plan) {
        if (patterns == null) {
            patterns = FilterAnalysis.patterns(n, plan);
            try {
                store.disk = PatternCache.of(PatternCache.defaultFolder(System.getenv()), model().file(),
                        plan.preprocessing());
            } catch (IOException e) {
                // the model cannot be hashed (e.g. gone from disk): patterns are computed, as without a cache
            }
            patterns.setStore(store);
        }
        return patterns;
    }

    /** The disk cache, counting what it gives and what it is given, so a run can say what it computed. */
    private static final class CountingStore implements PatternStore {

        private volatile PatternStore disk;
        private final AtomicInteger hits = new AtomicInteger();
        private final AtomicInteger puts = new AtomicInteger();

        @Override
        public FilterPattern get(String layer, int filter, int copy, FilterPatternOptions options,
                String directions) {
            PatternStore d = disk;
            FilterPattern p = d == null ? null : d.get(layer, filter, copy, options, directions);
            if (p != null) {
                hits.incrementAndGet();
            }
            return p;
        }

        @Override
        public void put(String layer, int filter, int copy, FilterPatternOptions options, String directions,
                FilterPattern pattern) {
            puts.incrementAndGet();
            PatternStore d = disk;
            if (d != null) {
                d.put(layer, filter, copy, options, directions, pattern);
            }
        }
    }
}
