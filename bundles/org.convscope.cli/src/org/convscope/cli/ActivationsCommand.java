package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.convscope.core.image.InputSpec;
import org.convscope.core.keras.KerasModels;
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
import org.convscope.engine.Network;
import org.convscope.engine.analysis.ActivationAnalysis;
import org.convscope.engine.analysis.AnalysisLayers;
import org.convscope.engine.analysis.ModelInputs;

/**
 * {@code convscope activations MODEL INPUT...}: runs the model on images (or a {@code .npy}
 * tensor) and writes every chosen layer's channel grid as PNG, and with {@code --npy} its raw
 * output in Keras's layout; prints per layer the shape, mean, max, share of zeros and dead
 * channels. Without a model it uses the bundled sample, without inputs the sample's digits.
 */
public final class ActivationsCommand extends BaseCommand<ActivationsCommand.Options> {

    /** Written into an output folder this command made, so that a later run may reuse it. */
    static final String MARKER = ".convscope-activations";

    public ActivationsCommand() {
        super("activations", Messages.activationsSynopsis, Messages.activationsDescription, Options::new,
                ActivationsCommand::model);
    }

    /** @return the model named, else the bundled sample */
    private static Path model(Options o) throws IOException {
        return o.model != null ? o.model : BundledSamples.model();
    }

    @Override
    int work(Options o, PrintStream out, PrintStream err) throws IOException {
        Path model = model(o);
        List<Path> inputs = o.inputs.isEmpty() ? List.of(BundledSamples.digit()) : o.inputs;
        try (ModelGraph graph = KerasModels.open(model)) {
            List<AnalysisLayers.Chosen> layers = AnalysisLayers.of(graph).chosen(o.layers);
            prepareOutput(o.out, o.force);
            ModelInputs.Loaded loaded = ModelInputs.load(graph, model, inputs, o.preprocessing, o.interpolation);
            InputSpec spec = loaded.spec();
            out.println(spec == null
                    ? MessageBundles.bind(Messages.npyInput, inputs.get(0))
                    : MessageBundles.bind(Messages.inputsResized, spec.width(), spec.height(),
                            spec.interpolation().name().toLowerCase(Locale.ROOT),
                            spec.preprocessing().name().toLowerCase(Locale.ROOT)));
            try (Network network = Engine.open(graph)) {
                out.println(inputs.size() == 1
                        ? MessageBundles.bind(Messages.activationsHeaderOne, model.getFileName(), graph.name(),
                                engineLabel())
                        : MessageBundles.bind(Messages.activationsHeaderMany, model.getFileName(), graph.name(),
                                inputs.size(), engineLabel()));
                long start = System.nanoTime();
                List<ActivationAnalysis.LayerOutput> result = ActivationAnalysis.run(network, loaded.tensor(),
                        layers);
                out.println(MessageBundles.bind(Messages.forwardTime,
                        String.format("%.0f", (System.nanoTime() - start) / 1e6)));
                return report(result, inputs, o, out, err);
            }
        }
    }

    /** @return e.g. "ND4J native CPU (oneDNN, AVX2)": the native build chosen for this CPU */
    static String engineLabel() {
        return MessageBundles.bind(Messages.engineWithFeatures, Engine.nativeBuild());
    }

    private int report(List<ActivationAnalysis.LayerOutput> result, List<Path> inputs, Options o, PrintStream out,
            PrintStream err) throws IOException {
        out.printf("%-28s %-20s %10s %10s %8s %s%n", Messages.columnLayer, Messages.columnShape, Messages.columnMean,
                Messages.columnMax, Messages.columnZeros, Messages.columnDeadChannels);
        int failed = 0;
        for (ActivationAnalysis.LayerOutput layer : result) {
            if (!layer.ok()) {
                err.println(MessageBundles.bind(Messages.commandProblem, name(), layer.failure()));
                failed++;
                continue;
            }
            Tensor t = layer.output();
            ActivationStats stats = ActivationStats.of(t, 0);
            out.printf(Locale.ROOT, "%-28s %-20s %10.4g %10.4g %7.1f%% %s%n", layer.layer().name(),
                    Arrays.toString(t.shape()).replace(" ", ""), stats.mean(), stats.max(), 100 * stats.zeroShare(),
                    MessageBundles.bind(Messages.deadChannels, stats.deadCount(), stats.channels().size()));
            write(layer.layer().name(), t, inputs, o);
        }
        out.println(MessageBundles.bind(Messages.writtenTo, o.out.toAbsolutePath()));
        return failed == 0 ? OK : BAD_INPUT;
    }

    private static void write(String layer, Tensor t, List<Path> inputs, Options o) throws IOException {
        String file = layer.replaceAll("[^A-Za-z0-9._-]", "_");
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
        return GridOptions.readableUpscale(t.rank() == 4 ? t.dim(2) : t.rank() == 3 ? t.dim(1) : 64);
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
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
    static final class Options extends CommandOptions {

        final List<Path> inputs = new ArrayList<>();
        List<String> layers = List.of();
        boolean npy;
        boolean force;
        int perRow = 16;
        int upscale;
        Colormap colormap = Colormap.VIRIDIS;
        NormalizationScope scope = NormalizationScope.CHANNEL;

        Options() {
            super("--preprocess", "--interpolation", "--out");
            out = Path.of("activations");
        }

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.of("--layers", a -> layers = List.of(a.value().split(",")), "--npy", a -> npy = true,
                    "--force", a -> force = true, "--per-row", a -> perRow = a.positive(), "--upscale",
                    a -> upscale = a.positive(), "--colormap", a -> colormap = Colormap.named(a.value()), "--scale",
                    a -> scope = scope(a.value()));
        }

        /** An optional MODEL first (known by its extension), then the inputs. */
        @Override
        void positional(List<String> arguments) {
            List<String> rest = new ArrayList<>(arguments);
            if (!rest.isEmpty() && BundledSamples.looksLikeModel(rest.get(0))) {
                model = Path.of(rest.remove(0));
            }
            rest.forEach(p -> inputs.add(Path.of(p)));
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
