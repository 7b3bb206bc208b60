package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.image.ImageInputs;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Interpolation;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.render.ActivationStats;
import org.convscope.core.render.ChannelGrid;
import org.convscope.core.render.ChannelGridRenderer;
import org.convscope.core.render.Colormap;
import org.convscope.core.render.GridOptions;
import org.convscope.core.render.NormalizationScope;
import org.convscope.core.render.SharedScale;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.LayerNames;
import org.convscope.engine.Network;
import org.convscope.engine.NoSuchLayerException;

/**
 * {@code convscope activations MODEL INPUT...}: runs the model on images (or a {@code .npy}
 * tensor) and writes every chosen layer's channel grid as PNG, and with {@code --npy} its raw
 * output in Keras's layout; prints per layer the shape, mean, max, share of zeros and dead
 * channels. Without a model it uses the bundled sample, without inputs the sample's digits.
 */
public final class ActivationsCommand implements Command {

    /** Written into an output folder this command made, so that a later run may reuse it. */
    static final String MARKER = ".convscope-activations";

    @Override
    public String name() {
        return "activations";
    }

    @Override
    public boolean usesEngine() {
        return true;
    }

    @Override
    public String synopsis() {
        return Messages.activationsSynopsis;
    }

    @Override
    public String description() {
        return Messages.activationsDescription;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = UsageException.parsing(() -> Options.parse(args));
        Path model = o.model != null ? o.model : Samples.model();
        return Problems.about(model, () -> compute(o, model, out, err));
    }

    private int compute(Options o, Path model, PrintStream out, PrintStream err) throws IOException {
        List<Path> inputs = o.inputs.isEmpty() ? List.of(Samples.digit()) : o.inputs;
        try (ModelGraph graph = KerasModels.open(model)) {
            List<Chosen> layers = chooseLayers(graph, o.layers);
            prepareOutput(o.out, o.force);
            Tensor batch = loadInputs(graph, inputs, o, out);
            try (Network network = Engine.open(graph)) {
                out.println(inputs.size() == 1
                        ? MessageBundles.bind(Messages.activationsHeaderOne, model.getFileName(), graph.name(),
                                engineLabel())
                        : MessageBundles.bind(Messages.activationsHeaderMany, model.getFileName(), graph.name(),
                                inputs.size(),
                                engineLabel()));
                long start = System.nanoTime();
                ForwardResult result = network.forward(batch, layers.stream().map(Chosen::node).distinct().toList());
                out.println(MessageBundles.bind(Messages.forwardTime,
                        String.format("%.0f", (System.nanoTime() - start) / 1e6)));
                return report(layers, result, inputs, o, out, err);
            }
        }
    }

    /** @return e.g. "ND4J native CPU (oneDNN, AVX2)": the native build chosen for this CPU */
    static String engineLabel() {
        return MessageBundles.bind(Messages.engineWithFeatures, Engine.nativeBuild());
    }

    private static Tensor loadInputs(ModelGraph graph, List<Path> inputs, Options o, PrintStream out)
            throws IOException {
        if (inputs.size() == 1 && inputs.get(0).toString().endsWith(".npy")) {
            out.println(MessageBundles.bind(Messages.npyInput, inputs.get(0)));
            return Npy.read(inputs.get(0));
        }
        InputSpec spec = ImageSpecs.forModel(graph, o.preprocessing, o.interpolation);
        out.println(MessageBundles.bind(Messages.inputsResized, spec.width(), spec.height(),
                spec.interpolation().name().toLowerCase(Locale.ROOT),
                spec.preprocessing().name().toLowerCase(Locale.ROOT)));
        return ImageInputs.batch(inputs, spec);
    }

    private int report(List<Chosen> layers, ForwardResult result, List<Path> inputs, Options o, PrintStream out,
            PrintStream err) throws IOException {
        out.printf("%-28s %-20s %10s %10s %8s %s%n", Messages.columnLayer, Messages.columnShape, Messages.columnMean,
                Messages.columnMax, Messages.columnZeros, Messages.columnDeadChannels);
        int failed = 0;
        for (Chosen layer : layers) {
            Tensor t = result.outputs().get(layer.node());
            if (t == null) {
                LayerFailure f = result.failures().get(layer.node());
                err.println(MessageBundles.bind(Messages.commandProblem, name(),
                        f == null ? MessageBundles.bind(Messages.notComputed, layer.name()) : f.message()));
                failed++;
                continue;
            }
            ActivationStats stats = ActivationStats.of(t, 0);
            out.printf(Locale.ROOT, "%-28s %-20s %10.4g %10.4g %7.1f%% %s%n", layer.name(),
                    Arrays.toString(t.shape()).replace(" ", ""), stats.mean(), stats.max(), 100 * stats.zeroShare(),
                    MessageBundles.bind(Messages.deadChannels, stats.deadCount(), stats.channels().size()));
            write(layer, t, inputs, o);
        }
        out.println(MessageBundles.bind(Messages.writtenTo, o.out.toAbsolutePath()));
        return failed == 0 ? OK : BAD_INPUT;
    }

    private static void write(Chosen layer, Tensor t, List<Path> inputs, Options o) throws IOException {
        String file = layer.name().replaceAll("[^A-Za-z0-9._-]", "_");
        if (o.npy) {
            Npy.write(o.out.resolve(file + ".npy"), t);
        }
        GridOptions grid = GridOptions.defaults().withPerRow(o.perRow).withColormap(o.colormap)
                .withUpscale(o.upscale > 0 ? o.upscale : autoUpscale(t));
        if (o.scope == NormalizationScope.SHARED) {
            grid = grid.withShared(SharedScale.across(List.of(t)));
        } else {
            grid = grid.withScope(o.scope);
        }
        for (int n = 0; n < t.dim(0); n++) {
            ChannelGrid rendered = ChannelGridRenderer.render(t, grid.withBatchIndex(n));
            String suffix = t.dim(0) == 1 ? "" : "." + stem(inputs.get(Math.min(n, inputs.size() - 1)));
            rendered.image().writePng(o.out.resolve(file + suffix + ".png"));
        }
    }

    /** Small maps are enlarged so that a tile is at least 64 pixels wide, as a person can see it. */
    private static int autoUpscale(Tensor t) {
        int width = t.rank() == 4 ? t.dim(2) : t.rank() == 3 ? t.dim(1) : 64;
        return Math.max(1, Math.min(8, (int) Math.ceil(64.0 / Math.max(1, width))));
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * A layer to show.
     *
     * @param name what the row and the files are called: the name asked for
     * @param node the engine node that computes it
     */
    private record Chosen(String name, String node) {
    }

    /**
     * Layers to show: named ones (a nested model with several outputs gives a row per output), or
     * every layer that computes something (not inputs).
     *
     * @throws NoSuchLayerException for a name the model does not have
     */
    private static List<Chosen> chooseLayers(ModelGraph graph, List<String> names) {
        if (names.isEmpty() || names.equals(List.of("all"))) {
            Map<String, Layer> byId = new LinkedHashMap<>();
            for (var step : graph.flatten().steps()) {
                byId.putIfAbsent(step.layer().id(), step.layer());
            }
            return byId.values().stream().filter(l -> l.category() != LayerCategory.INPUT)
                    .map(l -> new Chosen(l.id(), l.id())).toList();
        }
        LayerNames known = LayerNames.of(graph);
        List<Chosen> chosen = new ArrayList<>();
        for (String n : names) {
            List<String> nodes = known.nodes(n);
            if (nodes.size() == 1) {
                chosen.add(new Chosen(n, nodes.get(0)));
            } else {
                nodes.forEach(node -> chosen.add(new Chosen(node, node)));
            }
        }
        return chosen;
    }

    /** Makes the output folder; never writes into a folder of the user's that already has files. */
    private static void prepareOutput(Path dir, boolean force) throws IOException {
        if (Files.isDirectory(dir)) {
            boolean empty;
            try (var entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !force && !Files.exists(dir.resolve(MARKER))) {
                throw new IOException(MessageBundles.bind(Messages.folderNotOurs, dir));
            }
        } else if (Files.exists(dir)) {
            throw new IOException(MessageBundles.bind(Messages.notAFolder, dir));
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), Messages.marker + "\n");
    }

    /** Parsed arguments. */
    private static final class Options {

        Path model;
        final List<Path> inputs = new ArrayList<>();
        List<String> layers = List.of();
        Preprocessing preprocessing;
        Interpolation interpolation;
        Path out = Path.of("activations");
        boolean npy;
        boolean force;
        int perRow = 16;
        int upscale;
        Colormap colormap = Colormap.VIRIDIS;
        NormalizationScope scope = NormalizationScope.CHANNEL;

        static Options parse(List<String> args) {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--layers" -> o.layers = List.of(value(args, ++i, a).split(","));
                    case "--preprocess" -> o.preprocessing = Preprocessing.named(value(args, ++i, a));
                    case "--interpolation" -> o.interpolation = Interpolation.named(value(args, ++i, a));
                    case "--out" -> o.out = Path.of(value(args, ++i, a));
                    case "--npy" -> o.npy = true;
                    case "--force" -> o.force = true;
                    case "--debug" -> {
                        // stack traces: Main reads this flag
                    }
                    case "--per-row" -> o.perRow = positiveInt(value(args, ++i, a), a);
                    case "--upscale" -> o.upscale = positiveInt(value(args, ++i, a), a);
                    case "--colormap" -> o.colormap = Colormap.named(value(args, ++i, a));
                    case "--scale" -> o.scope = scope(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new UsageException(MessageBundles.bind(Messages.unknownOption, a));
                        }
                        positional.add(a);
                    }
                }
            }
            if (!positional.isEmpty() && Samples.looksLikeModel(positional.get(0))) {
                o.model = Path.of(positional.remove(0));
            }
            positional.forEach(p -> o.inputs.add(Path.of(p)));
            return o;
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new UsageException(MessageBundles.bind(Messages.needsValue, option));
            }
            return args.get(i);
        }

        private static int positiveInt(String s, String option) {
            try {
                int v = Integer.parseInt(s);
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(MessageBundles.bind(Messages.takesPositive, option, s));
        }

        private static NormalizationScope scope(String s) {
            for (NormalizationScope v : NormalizationScope.values()) {
                if (v.name().equalsIgnoreCase(s)) {
                    return v;
                }
            }
            throw new UsageException(MessageBundles.bind(Messages.scaleValues, s));
        }
    }
}
