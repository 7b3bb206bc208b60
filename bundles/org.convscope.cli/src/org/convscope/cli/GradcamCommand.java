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
import org.convscope.core.npy.Npy;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.AnalysisLayers;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.analysis.GradCamAnalysis;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.ClassLabels;
import org.convscope.engine.visualize.GradCamResult;
import org.convscope.engine.visualize.Prediction;

/**
 * {@code convscope gradcam MODEL IMAGE ...}: where the model looks for a class — the Grad-CAM (or
 * Grad-CAM++) map of a conv-like layer, laid over the image in jet, plus the top-5 predictions.
 */
public final class GradcamCommand extends BaseCommand<GradcamCommand.Options> {

    public GradcamCommand() {
        super("gradcam", Messages.gradcamSynopsis, Messages.gradcamDescription, Options::new, o -> o.model);
    }

    @Override
    int work(Options o, PrintStream out, PrintStream err) throws IOException {
        List<String> userLabels = o.labels == null ? null : ClassLabels.read(o.labels);
        try (ModelGraph graph = KerasModels.open(o.model)) {
            GradCamAnalysis analysis = new GradCamAnalysis(graph, o.model, AnalysisLayers.of(graph));
            GradCamAnalysis.Request request = new GradCamAnalysis.Request(o.image, o.preprocessing, o.interpolation,
                    o.layer, o.classIndex, o.method, o.labels, userLabels);
            ModelInputs.LoadedImage input = analysis.load(request);
            try (Network network = Engine.open(graph)) {
                GradCamAnalysis.Explained e = analysis.compute(network, request, input);
                out.println(input.spec() == null
                        ? MessageBundles.bind(Messages.gradcamHeaderNpy, o.model.getFileName(), graph.name(),
                                o.image.getFileName(), input.picture().width(), input.picture().height(),
                                ActivationsCommand.engineLabel())
                        : MessageBundles.bind(Messages.gradcamHeader, o.model.getFileName(), graph.name(),
                                o.image.getFileName(), input.picture().width(), input.picture().height(),
                                input.spec().preprocessing().name().toLowerCase(Locale.ROOT),
                                ActivationsCommand.engineLabel()));
                print(e, o, out);
                Path file = o.out != null ? o.out : Path.of(stem(o.image) + "_gradcam.png");
                e.overlay(o.alpha).writePng(file);
                out.println(MessageBundles.bind(Messages.wrote, file));
                if (o.npy != null) {
                    Npy.write(o.npy, e.result().normalizedTensor());
                    out.println(MessageBundles.bind(Messages.wroteMap, o.npy));
                }
                return OK;
            }
        }
    }

    private static void print(GradCamAnalysis.Explained e, Options o, PrintStream out) {
        GradCamResult r = e.result();
        List<String> labels = e.labels();
        out.println(Messages.top5);
        for (Prediction p : r.predictions()) {
            out.printf("  %4d  %-30s %.4f%n", p.index(), p.label() == null ? "" : p.label(), p.score());
        }
        String method = o.method == CamMethod.GRADCAM ? Messages.methodGradCam : Messages.methodGradCamPlusPlus;
        String score = String.format("%.4f", r.score());
        String time = String.format("%.0f", e.millis());
        out.println(labels != null && r.classIndex() < labels.size()
                ? MessageBundles.bind(Messages.gradcamResultLabelled, method, r.classIndex(),
                        labels.get(r.classIndex()), score, r.layer(), r.width(), r.height(), time)
                : MessageBundles.bind(Messages.gradcamResult, method, r.classIndex(), score, r.layer(), r.width(),
                        r.height(), time));
    }

    /** @return the file's name without its last extension */
    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Parsed arguments. */
    static final class Options extends CommandOptions {

        Path image;
        int classIndex = AnalysisOptions.TOP_CLASS;
        CamMethod method = CamMethod.GRADCAM;
        double alpha = AnalysisOptions.DEFAULT_ALPHA;
        Path labels;
        Path npy;

        Options() {
            super("--layer", "--preprocess", "--interpolation", "--out");
        }

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.of("--class", a -> classIndex = AnalysisOptions.classIndex(a.value()), "--method",
                    a -> method = AnalysisOptions.method(a.value()), "--alpha",
                    a -> alpha = AnalysisOptions.alpha(a.value()), "--labels", a -> labels = Path.of(a.value()),
                    "--npy", a -> npy = Path.of(a.value()));
        }

        /** MODEL and IMAGE. */
        @Override
        void positional(List<String> arguments) {
            Arguments.expect(arguments, 2, 2, Messages.modelAndImageNeeded, Messages.modelAndImageNeeded,
                    Messages.oneImageOnly);
            model = Path.of(arguments.get(0));
            image = Path.of(arguments.get(1));
        }
    }
}
