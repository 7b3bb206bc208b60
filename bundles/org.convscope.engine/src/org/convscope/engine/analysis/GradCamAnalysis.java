package org.convscope.engine.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Interpolation;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.render.RgbImage;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Network;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.ClassLabels;
import org.convscope.engine.visualize.GradCam;
import org.convscope.engine.visualize.GradCamResult;

/**
 * Grad-CAM as a person asks for it: an image (or a {@code .npy} tensor), a layer or the default, a
 * class or the top one, a method, and optionally a labels file; the map with the picture it lies
 * on and the top-5 predictions.
 */
public final class GradCamAnalysis {

    /**
     * What is asked.
     *
     * @param input         the image file or {@code .npy} tensor
     * @param preprocessing the person's preprocessing, or null for the model's
     * @param interpolation the person's resampling, or null for Keras's nearest
     * @param layer         the layer to explain, or null for {@link AnalysisLayers#gradCamLayer the default}
     * @param classIndex    the class to explain, or {@link AnalysisOptions#TOP_CLASS}
     * @param method        Grad-CAM or Grad-CAM++
     * @param labelsFile    a file of class names the person gave, or null
     * @param labels        the names read from it ({@link ClassLabels#read}), or null
     */
    public record Request(Path input, Preprocessing preprocessing, Interpolation interpolation, String layer,
            int classIndex, CamMethod method, Path labelsFile, List<String> labels) {
    }

    /**
     * A computed map.
     *
     * @param result  the map, the predictions and the class explained
     * @param picture the input at its own resolution, which the map is laid over
     * @param spec    how the image was loaded, or null for a tensor taken as it is
     * @param labels  the class names used, or null
     * @param millis  how long the map took
     */
    public record Explained(GradCamResult result, RgbImage picture, InputSpec spec, List<String> labels,
            double millis) {

        /** @return the map laid over the picture at {@code opacity} */
        public RgbImage overlay(double opacity) {
            return result.overlay(picture, opacity);
        }
    }

    private final ModelGraph graph;
    private final Path modelFile;
    private final AnalysisLayers layers;

    /**
     * @param graph     the model
     * @param modelFile its file (a side file beside it may name its preprocessing)
     * @param layers    its layers
     */
    public GradCamAnalysis(ModelGraph graph, Path modelFile, AnalysisLayers layers) {
        this.graph = graph;
        this.modelFile = modelFile;
        this.layers = layers;
    }

    /**
     * @return the input, loaded as the model takes it
     * @throws IOException    naming the file when it cannot be read or does not fit
     * @throws InputException when the model takes no image or a tensor holds more than one
     */
    public ModelInputs.LoadedImage load(Request request) throws IOException {
        return ModelInputs.loadImage(graph, modelFile, request.input(), request.preprocessing(),
                request.interpolation());
    }

    /**
     * Computes the map of {@code input} (from {@link #load}).
     *
     * @throws org.convscope.core.analysis.AnalysisException when the layer or class cannot be
     *                                                       explained, or the labels do not fit
     */
    public Explained compute(Network network, Request request, ModelInputs.LoadedImage input) {
        String node = layers.names().node(layers.gradCamLayer(request.layer()));
        String score = layers.scoreNode();
        GradCam cam = new GradCam(network);
        List<String> labels = labels(request, cam.classCount(input.tensor(), score));
        long start = System.nanoTime();
        GradCamResult r = cam.compute(input.tensor(), node, score, request.classIndex(), request.method(), labels);
        return new Explained(r, input.picture(), input.spec(), labels, (System.nanoTime() - start) / 1e6);
    }

    static List<String> labels(Request request, int classes) {
        return labels(request.labelsFile(), request.labels(), classes);
    }

    /**
     * @param file   the labels file the person gave, or null
     * @param named  the names read from it, or null
     * @param classes the model's class count
     * @return the person's class names, which must name every class; else ImageNet's for a 1000-way
     *         model; else none
     * @throws InputException naming the file when it names another number of classes
     */
    public static List<String> labels(Path file, List<String> named, int classes) {
        if (named == null) {
            return ClassLabels.forClassCount(classes).orElse(null);
        }
        if (named.size() != classes) {
            throw new InputException(MessageBundles.bind(Messages.labelsCount, file, named.size(), classes));
        }
        return named;
    }
}
