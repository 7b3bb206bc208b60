package org.convscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.convscope.core.image.ImageInputs;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Interpolation;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerNames;
import org.convscope.engine.Network;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.ClassLabels;
import org.convscope.engine.visualize.GradCam;
import org.convscope.engine.visualize.GradCamResult;
import org.convscope.engine.visualize.Pictures;
import org.convscope.engine.visualize.Prediction;

/**
 * {@code convscope gradcam MODEL IMAGE ...}: where the model looks for a class — the Grad-CAM (or
 * Grad-CAM++) map of a conv-like layer, laid over the image in jet, plus the top-5 predictions.
 */
public final class GradcamCommand implements Command {

    /** Layer kinds that are not "conv-like": the default layer is never one of them. */
    private static final Set<LayerCategory> NOT_CONV_LIKE = EnumSet.of(LayerCategory.POOL, LayerCategory.SHAPE,
            LayerCategory.DROPOUT, LayerCategory.INPUT, LayerCategory.MODEL, LayerCategory.UNKNOWN);

    @Override
    public String name() {
        return "gradcam";
    }

    @Override
    public boolean usesEngine() {
        return true;
    }

    @Override
    public String synopsis() {
        return Messages.gradcamSynopsis;
    }

    @Override
    public String description() {
        return Messages.gradcamDescription;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = UsageException.parsing(() -> Options.parse(args));
        return Problems.about(o.model, () -> compute(o, out));
    }

    private int compute(Options o, PrintStream out) throws IOException {
        List<String> userLabels = o.labels == null ? null : ClassLabels.read(o.labels);
        try (ModelGraph graph = KerasModels.open(o.model)) {
            boolean npy = isNpy(o.image);
            Tensor input;
            RgbImage picture;
            Preprocessing pre = null;
            if (npy) {
                input = Npy.read(o.image);
                if (input.rank() == 3) {
                    input = new Tensor(input.data(), new int[] { 1, input.dim(0), input.dim(1), input.dim(2) });
                }
                if (input.rank() != 4 || input.dim(0) != 1) {
                    throw new IOException(
                            MessageBundles.bind(Messages.gradcamOneImage, o.image,
                                    java.util.Arrays.toString(input.shape())));
                }
                picture = Pictures.ofTensor(input);
            } else {
                InputSpec spec = spec(graph, o);
                pre = spec.preprocessing();
                input = ImageInputs.load(o.image, spec).toTensor();
                picture = ImageInputs.decode(o.image).toRgbImage();
            }
            LayerNames names = LayerNames.of(graph);
            String chosen = o.layer != null ? names.node(o.layer) : null;
            try (Network network = Engine.open(graph)) {
                GradCam cam = new GradCam(network);
                String scoreLayer = names.outputNodes().get(0);
                String layer = chosen != null
                        ? chosen
                        : GradCam.defaultLayer(network.outputShapes(List.of(input.shape())), convLike(graph));
                int classes = network.forward(input, List.of(scoreLayer)).output(scoreLayer).dim(1);
                List<String> labels = userLabels != null ? userLabels : ClassLabels.forClassCount(classes).orElse(null);
                if (userLabels != null && userLabels.size() != classes) {
                    throw new IOException(
                            MessageBundles.bind(Messages.labelsCount, o.labels, userLabels.size(), classes));
                }
                out.println(npy
                        ? MessageBundles.bind(Messages.gradcamHeaderNpy, o.model.getFileName(), graph.name(),
                                o.image.getFileName(), picture.width(), picture.height(),
                                ActivationsCommand.engineLabel())
                        : MessageBundles.bind(Messages.gradcamHeader, o.model.getFileName(), graph.name(),
                                o.image.getFileName(),
                                picture.width(), picture.height(), pre.name().toLowerCase(Locale.ROOT),
                                ActivationsCommand.engineLabel()));
                long start = System.nanoTime();
                GradCamResult r = cam.compute(input, layer, scoreLayer, o.classIndex, o.method, labels);
                double ms = (System.nanoTime() - start) / 1e6;
                out.println(Messages.top5);
                for (Prediction p : r.predictions()) {
                    out.printf("  %4d  %-30s %.4f%n", p.index(), p.label() == null ? "" : p.label(), p.score());
                }
                String method = o.method == CamMethod.GRADCAM ? Messages.methodGradCam : Messages.methodGradCamPlusPlus;
                String score = String.format("%.4f", r.score());
                String time = String.format("%.0f", ms);
                out.println(labels != null && r.classIndex() < labels.size()
                        ? MessageBundles.bind(Messages.gradcamResultLabelled, method, r.classIndex(),
                                labels.get(r.classIndex()),
                                score, r.layer(), r.width(), r.height(), time)
                        : MessageBundles.bind(Messages.gradcamResult, method, r.classIndex(), score, r.layer(),
                                r.width(),
                                r.height(), time));
                Path file = o.out != null ? o.out : Path.of(stem(o.image) + "_gradcam.png");
                r.overlay(picture, o.alpha).writePng(file);
                out.println(MessageBundles.bind(Messages.wrote, file));
                if (o.npy != null) {
                    Npy.write(o.npy, r.normalizedTensor());
                    out.println(MessageBundles.bind(Messages.wroteMap, o.npy));
                }
                return OK;
            }
        }
    }

    private static InputSpec spec(ModelGraph graph, Options o) throws IOException {
        return ImageSpecs.forModel(graph, o.preprocessing, o.interpolation);
    }

    /** Conv-like by the layer's kind; a shared layer's later calls ({@code id#1}) count as the layer. */
    private static java.util.function.Predicate<String> convLike(ModelGraph graph) {
        Map<String, LayerCategory> kinds = new HashMap<>();
        for (Layer l : graph.allLayers()) {
            kinds.put(l.id(), l.category());
        }
        return name -> {
            int hash = name.indexOf('#');
            LayerCategory c = kinds.get(hash < 0 ? name : name.substring(0, hash));
            return c != null && !NOT_CONV_LIKE.contains(c);
        };
    }

    private static boolean isNpy(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(6);
            return magic.length == 6 && (magic[0] & 0xff) == 0x93 && magic[1] == 'N' && magic[2] == 'U';
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Parsed arguments. */
    private static final class Options {

        Path model;
        Path image;
        String layer;
        int classIndex = -1;
        CamMethod method = CamMethod.GRADCAM;
        double alpha = 0.4;
        Path labels;
        Preprocessing preprocessing;
        Interpolation interpolation;
        Path out;
        Path npy;

        static Options parse(List<String> args) {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--layer" -> o.layer = value(args, ++i, a);
                    case "--class" -> o.classIndex = classIndex(value(args, ++i, a));
                    case "--method" -> o.method = CamMethod.named(value(args, ++i, a));
                    case "--alpha" -> o.alpha = alpha(value(args, ++i, a));
                    case "--labels" -> o.labels = Path.of(value(args, ++i, a));
                    case "--preprocess" -> o.preprocessing = Preprocessing.named(value(args, ++i, a));
                    case "--interpolation" -> o.interpolation = Interpolation.named(value(args, ++i, a));
                    case "--out" -> o.out = Path.of(value(args, ++i, a));
                    case "--npy" -> o.npy = Path.of(value(args, ++i, a));
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
            if (positional.size() != 2) {
                throw new UsageException(
                        positional.size() < 2 ? Messages.modelAndImageNeeded : Messages.oneImageOnly);
            }
            o.model = Path.of(positional.get(0));
            o.image = Path.of(positional.get(1));
            return o;
        }

        private static int classIndex(String s) {
            if (s.equals("top")) {
                return -1;
            }
            try {
                int v = Integer.parseInt(s);
                if (v >= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(MessageBundles.bind(Messages.classValues, s));
        }

        private static double alpha(String s) {
            try {
                double v = Double.parseDouble(s);
                if (v >= 0 && v <= 1) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(MessageBundles.bind(Messages.alphaValues, s));
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new UsageException(MessageBundles.bind(Messages.needsValue, option));
            }
            return args.get(i);
        }
    }
}
