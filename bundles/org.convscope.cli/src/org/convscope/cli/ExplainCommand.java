package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.convscope.core.image.ImageInputs;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.ModelGraphs;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.analysis.AnalysisLayers;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.analysis.GradCamAnalysis;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.explain.Attribution;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainGridPicture;
import org.convscope.engine.explain.ExplainOptions;
import org.convscope.engine.explain.ExplainPictures;
import org.convscope.engine.explain.ExplainRequest;
import org.convscope.engine.explain.Explainer;
import org.convscope.engine.explain.Explanation;
import org.convscope.engine.explain.ImageExplanation;
import org.convscope.engine.explain.SanityCheck;
import org.convscope.engine.explain.TrustMetrics;
import org.convscope.engine.visualize.ClassLabels;
import org.convscope.engine.visualize.GradCam;
import org.convscope.engine.visualize.Pictures;
import org.convscope.engine.visualize.Prediction;

/**
 * {@code convscope explain MODEL IMAGE... --method M[,M...]}: why the model decided, by several
 * attribution methods side by side (issue 15): one grid picture (rows images, columns methods, each
 * map laid over its image in jet), a {@code .npy} per method, and with {@code --metrics} and
 * {@code --sanity} the numbers that say how far to trust each map.
 */
public final class ExplainCommand extends BaseCommand<ExplainCommand.Options> {

    public ExplainCommand() {
        super("explain", Messages.explainSynopsis, Messages.explainDescription, Options::new, o -> o.model);
    }

    @Override
    int work(Options o, PrintStream out, PrintStream err) throws IOException {
        Path picture = o.out != null ? o.out : Path.of(GradcamCommand.stem(o.inputs.get(0)) + "_explain.png");
        CompareCommand.notAnInput(picture, o.inputs);
        List<String> userLabels = o.labels == null ? null : ClassLabels.read(o.labels);
        try (ModelGraph graph = KerasModels.open(o.model)) {
            AnalysisLayers layers = AnalysisLayers.of(graph);
            List<String> camLayers = new ArrayList<>();
            if (o.methods.stream().anyMatch(AttributionMethod::needsLayer)) {
                for (String l : o.layers.isEmpty() ? Arrays.asList((String) null) : o.layers) {
                    camLayers.add(layers.names().node(layers.gradCamLayer(l)));
                }
            }
            Inputs inputs = load(graph, o);
            NetworkSpec spec = ModelGraphs.toSpec(graph);
            try (Network network = Engine.open(spec)) {
                String score = layers.scoreNode();
                int classes = new GradCam(network).classCount(inputs.tensor, score);
                List<String> labels = GradCamAnalysis.labels(o.labels, userLabels, classes);
                out.println(MessageBundles.bind(Messages.explainHeader, o.model.getFileName(), graph.name(),
                        inputs.names.size(), String.join(", ", o.methods.stream().map(AttributionMethod::id).toList()),
                        camLayers.isEmpty() ? "-" : String.join(", ", camLayers), ActivationsCommand.engineLabel()));
                ExplainRequest request = new ExplainRequest(inputs.tensor, o.methods, camLayers, score, o.classIndex,
                        o.metrics, o.sanity, o.options, labels);
                long start = System.nanoTime();
                Explanation e = new Explainer(network, spec).explain(request, new StderrProgress(err));
                print(e, inputs.names, labels, (System.nanoTime() - start) / 1e6, o, out);
                ExplainGridPicture.draw(e, inputs.pictures, inputs.names, labels, o.methods, o.alpha).writePng(picture);
                out.println(MessageBundles.bind(Messages.wrote, picture));
                if (o.npy != null) {
                    writeNpy(e, o, out);
                }
                return OK;
            }
        }
    }

    /** The images as one batch, with the pictures the maps are drawn on and their names. */
    private record Inputs(Tensor tensor, List<RgbImage> pictures, List<String> names) {
    }

    private static Inputs load(ModelGraph graph, Options o) throws IOException {
        Tensor batch = ModelInputs.load(graph, o.model, o.inputs, o.preprocessing, o.interpolation).tensor();
        if (batch.rank() != 4) {
            throw new IOException(
                    MessageBundles.bind(Messages.explainNotImages, o.inputs.get(0), Arrays.toString(batch.shape())));
        }
        List<RgbImage> pictures = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (o.inputs.size() == 1 && ModelInputs.isArray(o.inputs.get(0))) {
            int item = batch.size() / batch.dim(0);
            for (int n = 0; n < batch.dim(0); n++) {
                float[] one = Arrays.copyOfRange(batch.data(), n * item, (n + 1) * item);
                pictures.add(
                        Pictures.ofTensor(new Tensor(one, new int[] { 1, batch.dim(1), batch.dim(2), batch.dim(3) })));
                names.add(o.inputs.get(0).getFileName() + "[" + n + "]");
            }
        } else {
            for (Path p : o.inputs) {
                pictures.add(ImageInputs.decode(p).toRgbImage());
                names.add(p.getFileName().toString());
            }
        }
        return new Inputs(batch, pictures, names);
    }

    private static void print(Explanation e, List<String> names, List<String> labels, double millis, Options o,
            PrintStream out) {
        for (ImageExplanation image : e.images()) {
            String label = labels != null && image.classIndex() < labels.size()
                    ? " " + labels.get(image.classIndex())
                    : "";
            out.println(MessageBundles.bind(Messages.explainImage, names.get(image.image()), image.classIndex(),
                    label, String.format(Locale.ROOT, "%.4f", image.score())));
            for (Prediction p : image.predictions()) {
                out.printf(Locale.ROOT, "    %4d  %-30s %.4f%n", p.index(), p.label() == null ? "" : p.label(),
                        p.score());
            }
            for (Map.Entry<AttributionMethod, Attribution> m : image.maps().entrySet()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-16s %4d x %-4d",
                        m.getKey().id(), m.getValue().height(), m.getValue().width()));
                TrustMetrics t = image.metrics().get(m.getKey());
                if (t != null) {
                    line.append(
                            String.format(Locale.ROOT, "  deletion AUC %.4f  insertion AUC %.4f  top-25%% kept %+.4f",
                                    t.deletionAuc(), t.insertionAuc(), t.confidenceChange()));
                }
                SanityCheck s = image.sanity().get(m.getKey());
                if (s != null) {
                    line.append("  sanity rho");
                    for (float r : s.correlations()) {
                        line.append(' ').append(rho(r));
                    }
                }
                out.println(line);
            }
        }
        out.println(MessageBundles.bind(Messages.explainTime, String.format(Locale.ROOT, "%.0f", millis)));
        if (o.metrics) {
            out.println(Messages.explainMetricsLegend);
        }
        if (o.sanity) {
            out.println(Messages.explainSanityLegend);
        }
    }

    /**
     * @return ρ with three decimals, or "constant map" where it is undefined because the map before
     *         or after randomisation is constant
     */
    static String rho(float r) {
        return Float.isNaN(r) ? Messages.explainConstantMap : String.format(Locale.ROOT, "%.3f", r);
    }

    /** One (images, H, W) float32 array per method: {@code maps.npy} → {@code maps.gradcam.npy}. */
    private static void writeNpy(Explanation e, Options o, PrintStream out) throws IOException {
        for (AttributionMethod m : o.methods) {
            Tensor maps = ExplainPictures.stack(e, m);
            Path file = npyFor(o.npy, m);
            CompareCommand.notAnInput(file, o.inputs);
            Npy.write(file, maps);
            out.println(MessageBundles.bind(Messages.wroteExplainMaps, file, m.id(), maps.dim(0), maps.dim(1),
                    maps.dim(2)));
        }
    }

    /** @return {@code base} with the method inserted before its extension */
    static Path npyFor(Path base, AttributionMethod m) {
        return ExplainPictures.npyFile(base, m);
    }

    /** Parsed arguments. */
    static final class Options extends CommandOptions {

        final List<Path> inputs = new ArrayList<>();
        List<AttributionMethod> methods = List.of(AttributionMethod.GRADCAM);
        List<String> layers = List.of();
        int classIndex = AnalysisOptions.TOP_CLASS;
        boolean metrics;
        boolean sanity;
        double alpha = AnalysisOptions.DEFAULT_ALPHA;
        Path labels;
        Path npy;
        ExplainOptions options = ExplainOptions.DEFAULTS;

        Options() {
            super("--preprocess", "--interpolation", "--out");
        }

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.ofEntries(Map.entry("--method", a -> methods = methods(a.value())),
                    Map.entry("--layer", a -> layers = List.of(a.value().split(","))),
                    Map.entry("--class", a -> classIndex = AnalysisOptions.classIndex(a.value())),
                    Map.entry("--metrics", a -> metrics = true), Map.entry("--sanity", a -> sanity = true),
                    Map.entry("--alpha", a -> alpha = AnalysisOptions.alpha(a.value())),
                    Map.entry("--labels", a -> labels = Path.of(a.value())),
                    Map.entry("--npy", a -> npy = Path.of(a.value())),
                    Map.entry("--steps", a -> options = options.withIgSteps(a.positive())),
                    Map.entry("--noise", a -> options = options.withSmoothGrad(a.decimal(), options.samples(),
                            options.seed(), options.smoothBase())),
                    Map.entry("--samples", a -> options = options.withSmoothGrad(options.noise(), a.positive(),
                            options.seed(), options.smoothBase())),
                    Map.entry("--seed", a -> options = options.withSmoothGrad(options.noise(), options.samples(),
                            a.atLeast(0), options.smoothBase())),
                    Map.entry("--smooth", a -> options = options.withSmoothGrad(options.noise(), options.samples(),
                            options.seed(), AttributionMethod.named(a.value()))),
                    Map.entry("--patch", a -> options = options.withOcclusion(a.positive(), options.stride())),
                    Map.entry("--stride", a -> options = options.withOcclusion(options.patch(), a.positive())),
                    Map.entry("--batch", a -> options = options.withBatch(a.positive())));
        }

        private static List<AttributionMethod> methods(String list) {
            List<AttributionMethod> out = new ArrayList<>();
            for (String m : list.split(",")) {
                AttributionMethod method = AttributionMethod.named(m);
                if (!out.contains(method)) {
                    out.add(method);
                }
            }
            return out;
        }

        /** MODEL and one or more images (or one {@code .npy} batch). */
        @Override
        void positional(List<String> arguments) {
            Arguments.expect(arguments, 2, Integer.MAX_VALUE, Messages.modelMissing, Messages.modelAndImageNeeded,
                    null);
            model = Path.of(arguments.get(0));
            arguments.subList(1, arguments.size()).forEach(p -> inputs.add(Path.of(p)));
        }
    }
}
