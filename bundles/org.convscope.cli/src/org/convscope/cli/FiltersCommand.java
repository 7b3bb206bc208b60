package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.LayerNames;
import org.convscope.engine.Network;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatterns;
import org.convscope.engine.visualize.PatternGrid;

/**
 * {@code convscope filters MODEL --layer L ...}: the pattern each filter of a layer responds to most,
 * found by gradient ascent from a seeded noise image, written as one grid (8 per row, as the
 * notebook draws it). Filters that never fire are drawn as crossed grey tiles and listed.
 */
public final class FiltersCommand implements Command {

    private static final String NAME = "filters";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean usesEngine() {
        return true;
    }

    @Override
    public String synopsis() {
        return Messages.filtersSynopsis;
    }

    @Override
    public String description() {
        return Messages.filtersDescription;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = UsageException.parsing(() -> Options.parse(args));
        return Problems.about(o.model, () -> compute(o, out, err));
    }

    private int compute(Options o, PrintStream out, PrintStream err) throws IOException {
        try (ModelGraph graph = KerasModels.open(o.model)) {
            List<TensorShape> shapes = graph.inputShapes();
            if (shapes.size() != 1 || shapes.get(0).rank() != 4 || shapes.get(0).dim(3) == null) {
                throw new IOException(MessageBundles.bind(Messages.filtersInput, o.model.getFileName(), shapes));
            }
            int channels = shapes.get(0).dim(3);
            int[] shape = shapes.get(0).dims().stream().mapToInt(d -> d == null ? 0 : d).toArray();
            Preprocessing pre = o.preprocessing != null
                    ? o.preprocessing
                    : InputSpec.forModel(shape, graph.name(), Preprocessing.RESCALE).preprocessing();
            FilterPatternOptions opts = o.options();
            Integer fixed = shapes.get(0).dim(1);
            if (o.size == null && fixed != null && fixed.equals(shapes.get(0).dim(2)) && fixed != opts.size()) {
                // a model with a fixed input size runs at that size only
                opts = opts.withSize(fixed);
            }
            String node = LayerNames.of(graph).node(o.layer);
            try (Network network = Engine.open(graph)) {
                FilterPatterns patterns = new FilterPatterns(network, channels, pre);
                int[] filters = o.filters != null ? o.filters : range(0, 63);
                filters = clip(filters, network, o.layer, node, opts.size(), channels, err);
                out.println(MessageBundles.bind(Messages.filtersHeader, o.model.getFileName(), graph.name(), o.layer,
                        filters.length, opts.size(), opts.size(), opts.steps(), opts.learningRate(), opts.seed(),
                        pre.name().toLowerCase(Locale.ROOT), ActivationsCommand.engineLabel()));
                long start = System.nanoTime();
                List<FilterPattern> result = patterns.compute(node, filters, opts, new Printer(err), null);
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

    /**
     * Keeps the filters the layer has; a default range wider than the layer is cut quietly.
     *
     * @param layer the layer as the person named it
     * @param node  the engine node computing it
     */
    private static int[] clip(int[] filters, Network network, String layer, String node, int size, int channels,
            PrintStream err) {
        // only the layers up to this one are built and loaded: not a classifier after it
        List<int[]> input = List.of(new int[] { 1, size, size, channels });
        int[] s = network.outputShapes(input, node).get(node);
        if (s == null) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.layerCannotRun, layer, failure(network.check(input).get(node))));
        }
        if (s.length != 4) {
            throw new AnalysisException(MessageBundles.bind(Messages.layerNot4d, layer, s.length,
                    String.join(", ", spatialLayers(network, layer, size, channels))));
        }
        int[] kept = java.util.Arrays.stream(filters).filter(f -> f < s[3]).toArray();
        if (kept.length < filters.length) {
            err.println(MessageBundles.bind(Messages.commandProblem, NAME,
                    MessageBundles.bind(Messages.drawingFilters, layer, s[3], kept.length)));
        }
        if (kept.length == 0) {
            throw new AnalysisException(MessageBundles.bind(Messages.filtersOnly, layer, s[3] - 1));
        }
        return kept;
    }

    private static String failure(LayerFailure f) {
        return f == null ? Messages.engineCannotBuild : f.message();
    }

    /**
     * @return a few layers with 4-D outputs to name instead of {@code layer}: the closest names, or
     *         when none is close, the last ones (the deepest features)
     */
    private static List<String> spatialLayers(Network network, String layer, int size, int channels) {
        List<String> all = new ArrayList<>();
        network.outputShapes(List.of(new int[] { 1, size, size, channels })).forEach((l, s) -> {
            if (s.length == 4 && !network.inputNames().contains(l)) {
                all.add(l);
            }
        });
        List<String> close = LayerNames.closest(layer, all, LayerNames.MAX_SUGGESTIONS);
        return close.isEmpty() ? all.subList(Math.max(0, all.size() - LayerNames.MAX_SUGGESTIONS), all.size()) : close;
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).toArray();
    }

    /** Progress on stderr, one line per tenth of the work, so a long run shows it is alive. */
    private static final class Printer implements ProgressMonitor {

        private final PrintStream err;
        private int total;
        private int done;
        private int lastTenth;

        Printer(PrintStream err) {
            this.err = err;
        }

        @Override
        public void begin(String task, int totalWork) {
            total = totalWork;
        }

        @Override
        public void worked(int work) {
            done += work;
            int tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth > lastTenth) {
                lastTenth = tenth;
                err.printf("  %d%%%n", tenth * 10);
            }
        }

        @Override
        public boolean isCanceled() {
            return false;
        }
    }

    /** Parsed arguments. */
    private static final class Options {

        Path model;
        String layer;
        int[] filters;
        String preset = "notebook";
        Integer steps;
        Integer size;
        Float lr;
        Long seed;
        Integer batch;
        Preprocessing preprocessing;
        Path out;

        FilterPatternOptions options() {
            FilterPatternOptions p = FilterPatternOptions.preset(preset);
            if (size != null) {
                p = p.withSize(size);
            }
            if (steps != null) {
                p = p.withSteps(steps);
            }
            if (lr != null) {
                p = p.withLearningRate(lr);
            }
            if (seed != null) {
                p = p.withSeed(seed);
            }
            if (batch != null) {
                p = p.withBatchSize(batch);
            }
            return p;
        }

        static Options parse(List<String> args) {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--layer" -> o.layer = value(args, ++i, a);
                    case "--filters" -> o.filters = filters(value(args, ++i, a));
                    case "--preset" -> {
                        o.preset = value(args, ++i, a);
                        FilterPatternOptions.preset(o.preset);
                    }
                    case "--steps" -> o.steps = number(value(args, ++i, a), a, 0);
                    case "--size" -> o.size = number(value(args, ++i, a), a, 8);
                    case "--batch" -> o.batch = number(value(args, ++i, a), a, 1);
                    case "--lr" -> o.lr = decimal(value(args, ++i, a), a);
                    case "--seed" -> o.seed = (long) number(value(args, ++i, a), a, Integer.MIN_VALUE);
                    case "--preprocess" -> o.preprocessing = Preprocessing.named(value(args, ++i, a));
                    case "--out" -> o.out = Path.of(value(args, ++i, a));
                    case "--debug" -> {
                        // stack traces: Main reads this flag
                    }
                    default -> {
                        if (a.startsWith("--")) {
                            throw new UsageException(MessageBundles.bind(Messages.unknownOption, a));
                        }
                        positional.add(a);
                    }
                }
            }
            if (positional.size() != 1) {
                throw new UsageException(
                        positional.isEmpty() ? Messages.modelMissing : Messages.oneModelOnly);
            }
            o.model = Path.of(positional.get(0));
            if (o.layer == null) {
                throw new UsageException(Messages.layerMissing);
            }
            return o;
        }

        /** "0-63", "5", "0,3,8-11" → the filters in that order, each once. */
        static int[] filters(String s) {
            Set<Integer> out = new LinkedHashSet<>();
            try {
                for (String part : s.split(",")) {
                    int dash = part.indexOf('-', 1);
                    int from = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).trim());
                    int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).trim());
                    if (from < 0 || to < from) {
                        throw new NumberFormatException();
                    }
                    for (int f = from; f <= to; f++) {
                        out.add(f);
                    }
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new UsageException(MessageBundles.bind(Messages.filtersFormat, s));
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new UsageException(MessageBundles.bind(Messages.needsValue, option));
            }
            return args.get(i);
        }

        private static int number(String s, String option, int min) {
            try {
                int v = Integer.parseInt(s);
                if (v >= min) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(MessageBundles.bind(Messages.takesAtLeast, option, min, s));
        }

        private static float decimal(String s, String option) {
            try {
                float v = Float.parseFloat(s);
                if (Float.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(MessageBundles.bind(Messages.takesNumber, option, s));
        }
    }
}
