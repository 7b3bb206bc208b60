package org.convscope.ui.gradcam;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.convscope.core.image.ImageInputs;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.npy.Npy;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.LayerNames;
import org.convscope.engine.Network;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.ClassLabels;
import org.convscope.engine.visualize.GradCam;
import org.convscope.engine.visualize.GradCamResult;
import org.convscope.engine.visualize.Pictures;
import org.convscope.ui.NetworkHolder;
import org.convscope.ui.ModelProvider;
import org.convscope.ui.OpenModel;

/**
 * Grad-CAM of the open model, for the Grad-CAM view and its tests: the layers worth explaining,
 * and computing a map for an image file or a {@code .npy} tensor. Holds the model's network until
 * closed.
 */
public final class GradCamProvider implements ModelProvider {

    /**
     * Layer kinds that are not conv-like; never offered. A nested model is, when its output is: its
     * name then means that output, as in Keras.
     */
    private static final Set<LayerCategory> NOT_CONV_LIKE = EnumSet.of(LayerCategory.POOL, LayerCategory.SHAPE,
            LayerCategory.DROPOUT, LayerCategory.INPUT, LayerCategory.UNKNOWN);

    /**
     * A computed map with the picture it lies on.
     *
     * @param result  the map, predictions and class
     * @param picture the input at its own resolution (a tensor input stretched to 0–255)
     */
    public record Shown(GradCamResult result, RgbImage picture) {

        /** @return the map laid over the picture at {@code opacity} */
        public RgbImage overlay(double opacity) {
            return result.overlay(picture, opacity);
        }
    }

    private final OpenModel model;
    private final NetworkHolder network;
    private LayerNames names;

    public GradCamProvider(OpenModel model, Function<ModelGraph, Network> engine) {
        this.model = model;
        this.network = new NetworkHolder(model, engine);
    }

    /** @return a provider running on the engine */
    public static GradCamProvider of(OpenModel model) {
        return new GradCamProvider(model, Engine::open);
    }

    @Override
    public OpenModel model() {
        return model;
    }

    /** @return conv-like layers with a 4-D output, in the model's order; the last is the default */
    public List<String> layers() {
        List<String> out = new ArrayList<>();
        for (Layer l : model.graph().allLayers()) {
            List<TensorShape> s = l.outputShapes();
            if (!NOT_CONV_LIKE.contains(l.category()) && s.size() == 1 && s.get(0).rank() == 4
                    && names().contains(l.id())) {
                out.add(l.id());
            }
        }
        return out;
    }

    private synchronized LayerNames names() {
        if (names == null) {
            names = LayerNames.of(model.graph());
        }
        return names;
    }

    /**
     * @param input      an image file (loaded as Keras does) or a {@code .npy} tensor (taken as it is)
     * @param layer      a layer id, or a nested model's with one output
     * @param classIndex the class to explain, or −1 for the top one
     * @param monitor    progress over reading, predicting and explaining; cancel between them
     * @throws IOException       naming the file when it cannot be read
     * @throws AnalysisException when the model or the layer cannot do this
     * @throws org.convscope.core.progress.CancelledException when cancelled
     */
    public synchronized Shown compute(Path input, Preprocessing preprocessing, String layer, int classIndex,
            CamMethod method, ProgressMonitor monitor) throws IOException {
        monitor.begin(Messages.bind(Messages.jobName, input.getFileName()), 3);
        Tensor x;
        RgbImage picture;
        if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            x = Npy.read(input);
            if (x.rank() == 3) {
                x = new Tensor(x.data(), new int[] { 1, x.dim(0), x.dim(1), x.dim(2) });
            }
            picture = Pictures.ofTensor(x);
        } else {
            x = ImageInputs.load(input, spec(preprocessing)).toTensor();
            picture = ImageInputs.decode(input).toRgbImage();
        }
        monitor.worked(1);
        monitor.checkCanceled();
        Tensor image = x;
        String score = names().outputNodes().get(0);
        String node = names().node(layer);
        GradCamResult r = network.with(n -> {
            int classes = n.forward(image, List.of(score)).output(score).dim(-1);
            monitor.worked(1);
            monitor.checkCanceled();
            return new GradCam(n).compute(image, node, score, classIndex, method,
                    ClassLabels.forClassCount(classes).orElse(null));
        });
        monitor.worked(1);
        return new Shown(r, picture);
    }

    private InputSpec spec(Preprocessing preprocessing) throws IOException {
        TensorShape input = model.graph().imageInput()
                .orElseThrow(() -> new IOException(Messages.bind(Messages.notImageModel, model.graph().inputShapes())));
        int[] shape = input.dims().stream().mapToInt(d -> d == null ? 0 : d).toArray();
        return InputSpec.forModel(shape, model.graph().name(), Preprocessing.RESCALE).withPreprocessing(preprocessing);
    }

    /**
     * Frees the network, at once or when the computation under way ends; returns at once (the view
     * closes its provider on the UI thread when another model opens).
     */
    @Override
    public void close() {
        network.close();
    }
}
