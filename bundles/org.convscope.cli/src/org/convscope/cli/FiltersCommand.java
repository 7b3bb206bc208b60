package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.npy.Npy;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerNames;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.analysis.FilterAnalysis;
import org.convscope.engine.analysis.PatternCache;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatterns;
import org.convscope.engine.visualize.PatternGrid;

/**
 * {@code convscope filters MODEL --layer L ...}: the pattern each filter of a layer responds to most,
 * found by gradient ascent from a seeded noise image, written as one grid (8 per row, as the
 * notebook draws it). Filters that never fire are drawn as crossed grey tiles and listed.
 */
public final class FiltersCommand extends BaseCommand<FiltersCommand.Options> {

    public FiltersCommand() {
        super("filters", Messages.filtersSynopsis, Messages.filtersDescription, Options::new, o -> o.model);
    }

    /** Plans against the model, selects against the engine, then draws. */
    @Override
    int work(Options o, PrintStream out, PrintStream err) throws IOException {
        try (ModelGraph graph = KerasModels.open(o.model)) {
            FilterAnalysis.Plan plan = FilterAnalysis.plan(graph, o.model, LayerNames.of(graph), o.request());
            FilterPatternOptions opts = plan.options();
            try (Network network = Engine.open(graph)) {
                float[][] directions = o.directions(graph, network, plan);
                FilterAnalysis.Selection chosen = FilterAnalysis.select(network, plan,
                        o.allFilters ? FilterAnalysis.ALL : o.filters, directions);
                if (chosen.filters().length < chosen.asked()) {
                    err.println(MessageBundles.bind(Messages.commandProblem, name(),
                            MessageBundles.bind(Messages.drawingFilters, o.layer, chosen.count(),
                                    chosen.filters().length)));
                }
                int[] filters = chosen.required();
                out.println(MessageBundles.bind(Messages.filtersHeader, o.model.getFileName(), graph.name(), o.layer,
                        filters.length, opts.size(), opts.size(), opts.steps(), opts.learningRate(),
                        opts.seed(), plan.preprocessing().name().toLowerCase(Locale.ROOT),
                        ActivationsCommand.engineLabel()));
                long start = System.nanoTime();
                FilterPatterns patterns = FilterAnalysis.patterns(network, plan);
                // Kept on disk by default only for the minutes-long lucid preset: the notebook's
                // presets take seconds, less than hashing a large model's file would add to each run.
                if (!o.noCache && (o.cache != null || opts.method() == FilterPatternOptions.Method.LUCID)) {
                    patterns.setStore(PatternCache.of(
                            o.cache != null ? o.cache : PatternCache.defaultFolder(System.getenv()), o.model,
                            plan.preprocessing()));
                }
                List<FilterPattern> result = patterns.compute(plan.node(), filters, opts, directions,
                        new StderrProgress(err), null);
                double seconds = (System.nanoTime() - start) / 1e9;
                List<Integer> dead = result.stream().filter(FilterPattern::dead).map(FilterPattern::filter).distinct()
                        .toList();
                Path file = o.out != null ? o.out : Path.of(o.layer.replace('/', '_') + "_filters.png");
                PatternGrid.of(result.stream().map(FilterPattern::tile).toList(), PatternGrid.PER_ROW,
                        PatternGrid.MARGIN).writePng(file);
                out.println(MessageBundles.bind(Messages.patternsDone, result.size(), String.format("%.1f", seconds),
                        String.format("%.2f", seconds / result.size()),
                        dead.isEmpty()
                                ? Messages.noDeadFilters
                                : MessageBundles.bind(Messages.deadFilters, dead.size(), dead)));
                out.println(MessageBundles.bind(Messages.wrote, file));
                if (o.npy != null) {
                    Npy.write(o.npy, PatternGrid.pixels(result.stream().map(FilterPattern::tile).toList()));
                    out.println(MessageBundles.bind(Messages.wrote, o.npy));
                }
                return OK;
            }
        }
    }

    /** Parsed arguments. */
    static final class Options extends CommandOptions {

        int[] filters;
        String preset = AnalysisOptions.PRESETS.get(0);
        Integer steps;
        Integer size;
        Float lr;
        Long seed;
        Integer batch;
        boolean allFilters;
        String objective;
        Float diversity;
        String direction;
        Path npy;
        Path cache;
        boolean noCache;

        Options() {
            super("--layer", "--preprocess", "--out");
        }

        FilterAnalysis.Request request() {
            return new FilterAnalysis.Request(layer, filters, preset, size, steps, lr, seed, batch, preprocessing,
                    objective, diversity);
        }

        /** @return the direction objective's vectors: from a .npy file, or from two images' activations */
        float[][] directions(ModelGraph graph, Network network, FilterAnalysis.Plan plan) throws IOException {
            return FilterAnalysis.directions(graph, model, network, plan, direction);
        }

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.ofEntries(Map.entry("--filters", a -> {
                String v = a.value();
                allFilters = v.trim().equalsIgnoreCase(AnalysisOptions.ALL_FILTERS);
                filters = allFilters ? null : AnalysisOptions.filters(v);
            }), Map.entry("--preset", a -> preset = AnalysisOptions.presetName(a.value())),
                    Map.entry("--steps", a -> steps = a.atLeast(0)), Map.entry("--size", a -> size = a.atLeast(8)),
                    Map.entry("--batch", a -> batch = a.atLeast(1)), Map.entry("--lr", a -> lr = a.decimal()),
                    Map.entry("--seed", a -> seed = (long) a.atLeast(Integer.MIN_VALUE)),
                    Map.entry("--objective", a -> objective = AnalysisOptions.objectiveName(a.value())),
                    Map.entry("--diversity", a -> diversity = a.decimal()),
                    Map.entry("--direction", a -> direction = a.value()),
                    Map.entry("--npy", a -> npy = Path.of(a.value())),
                    Map.entry("--cache", a -> cache = Path.of(a.value())),
                    Map.entry("--no-cache", a -> noCache = true));
        }

        /** MODEL; and a layer is needed. */
        @Override
        void positional(List<String> arguments) {
            modelOnly(arguments);
            Arguments.required(layer, Messages.layerMissing);
            if ("direction".equals(objective) && direction == null) {
                throw new UsageException(Messages.directionMissing);
            }
        }
    }
}
