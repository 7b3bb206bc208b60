package org.convscope.ui.gradcam;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.GradCamAnalysis;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.ui.EngineProvider;
import org.convscope.ui.OpenModel;

/**
 * Grad-CAM of the open model, for the Grad-CAM view and its tests: the layers worth explaining, and
 * the map for an image file or a {@code .npy} tensor, by {@link GradCamAnalysis}. Holds the model's
 * network until closed.
 */
public final class GradCamProvider extends EngineProvider {

    public GradCamProvider(OpenModel model, Function<ModelGraph, Network> engine) {
        super(model, engine);
    }

    /** @return a provider running on the engine */
    public static GradCamProvider of(OpenModel model) {
        return new GradCamProvider(model, Engine::open);
    }

    /** @return the layers Grad-CAM explains, in the model's order; the last is the default */
    public List<String> layers() {
        return analysisLayers().gradCamLayers();
    }

    /**
     * @param input         an image file (loaded as Keras does) or a {@code .npy} tensor (taken as it is)
     * @param preprocessing the view's preprocessing
     * @param layer         a layer id, or a nested model's with one output
     * @param classIndex    the class to explain, or {@link org.convscope.engine.analysis.AnalysisOptions#TOP_CLASS}
     * @param monitor       progress over reading and explaining; cancel between them
     * @throws IOException naming the file when it cannot be read
     * @throws org.convscope.core.analysis.AnalysisException when the model or the layer cannot do this
     * @throws org.convscope.core.progress.CancelledException when cancelled
     */
    public synchronized GradCamAnalysis.Explained compute(Path input, Preprocessing preprocessing, String layer,
            int classIndex, CamMethod method, ProgressMonitor monitor) throws IOException {
        monitor.begin(Messages.bind(Messages.jobName, input.getFileName()), 2);
        network().requireOpen();
        GradCamAnalysis analysis = new GradCamAnalysis(model().graph(), model().file(), analysisLayers());
        GradCamAnalysis.Request request = new GradCamAnalysis.Request(input, preprocessing, null, layer, classIndex,
                method, null, null);
        ModelInputs.LoadedImage image = analysis.load(request);
        monitor.worked(1);
        monitor.checkCanceled();
        GradCamAnalysis.Explained explained = network().with(n -> analysis.compute(n, request, image));
        monitor.worked(1);
        return explained;
    }
}
