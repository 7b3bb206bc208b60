package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerNames;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.analysis.FilterAnalysis;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
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
                FilterAnalysis.Selection chosen = FilterAnalysis.select(network, plan, o.filters);
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
                List<FilterPattern> result = FilterAnalysis.patterns(network, plan).compute(plan.node(),
                        filters, opts, new StderrProgress(err), null);
                double seconds = (System.nanoTime() - start) / 1e9;
                List<Integer> dead = result.stream().filter(FilterPattern::dead).map(FilterPattern::filter).toList();
                Path file = o.out != null ? o.out : Path.of(o.layer.replace('/', '_') + "_filters.png");
                PatternGrid.of(result.stream().map(FilterPattern::tile).toList(), PatternGrid.PER_ROW,
                        PatternGrid.MARGIN).writePng(file);
                out.println(MessageBundles.bind(Messages.patternsDone, result.size(), String.format("%.1f", seconds),
                        String.format("%.2f", seconds / result.size()),
                        dead.isEmpty()
                                ? Messages.noDeadFilters
                                : MessageBundles.bind(Messages.deadFilters, dead.size(), dead)));
                out.println(MessageBundles.bind(Messages.wrote, file));
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

        Options() {
            super("--layer", "--preprocess", "--out");
        }

        FilterAnalysis.Request request() {
            return new FilterAnalysis.Request(layer, filters, preset, size, steps, lr, seed, batch, preprocessing);
        }

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.of("--filters", a -> filters = AnalysisOptions.filters(a.value()), "--preset",
                    a -> preset = AnalysisOptions.presetName(a.value()), "--steps",
                    a -> steps = a.atLeast(0), "--size", a -> size = a.atLeast(8), "--batch",
                    a -> batch = a.atLeast(1), "--lr", a -> lr = a.decimal(), "--seed",
                    a -> seed = (long) a.atLeast(Integer.MIN_VALUE));
        }

        /** MODEL; and a layer is needed. */
        @Override
        void positional(List<String> arguments) {
            modelOnly(arguments);
            Arguments.required(layer, Messages.layerMissing);
        }
    }
}
