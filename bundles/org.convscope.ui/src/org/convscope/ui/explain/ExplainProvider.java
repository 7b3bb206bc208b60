package org.convscope.ui.explain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.ModelGraphs;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.AnalysisLayers;
import org.convscope.engine.analysis.GradCamAnalysis;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.analysis.PreprocessingChoice;
import org.convscope.engine.explain.Attribution;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainRequest;
import org.convscope.engine.explain.Explainer;
import org.convscope.engine.explain.Explanation;
import org.convscope.engine.explain.ImageExplanation;
import org.convscope.engine.explain.SanityCheck;
import org.convscope.engine.explain.TrustMetrics;
import org.convscope.engine.visualize.GradCam;
import org.convscope.ui.EngineProvider;
import org.convscope.ui.OpenModel;

/**
 * The attribution maps of the open model for the Explain view and its tests, by the engine's
 * {@link Explainer}: several images and methods at once. An image that cannot be read and a
 * method that fails for this model are reported by name while the others still give maps. Holds
 * the model's network until closed.
 */
public final class ExplainProvider extends EngineProvider {

    public ExplainProvider(OpenModel model, Function<ModelGraph, Network> engine) {
        super(model, engine);
    }

    /** @return a provider running on the engine */
    public static ExplainProvider of(OpenModel model) {
        return new ExplainProvider(model, Engine::open);
    }

    /** @return the layers the CAM methods can explain over, in the model's order; the last is the default */
    public List<String> layers() {
        return analysisLayers().gradCamLayers();
    }

    /** @return the preprocessing the model's images get unless the person chooses another */
    public PreprocessingChoice suggestedPreprocessing(Preprocessing chosen) {
        return ModelInputs.preprocessing(model().file(), model().graph().name(), chosen);
    }

    /** The images that could be read, stacked, and the problems of the others. */
    private record Loaded(Tensor batch, List<String> names, List<RgbImage> pictures, List<String> problems) {
    }

    /**
     * @param monitor progress per image read and per method × image; cancelling stops between
     *                them and inside the engine's long methods
     * @throws IOException       when no image can be read (naming each and its problem)
     * @throws AnalysisException when the model cannot be explained, or no method works for it
     * @throws org.convscope.core.progress.CancelledException when cancelled
     */
    public synchronized ExplainResult compute(ExplainSettings s, ProgressMonitor monitor) throws IOException {
        if (s.files().isEmpty()) {
            throw new AnalysisException(Messages.noImages);
        }
        if (s.methods().isEmpty()) {
            throw new AnalysisException(Messages.noMethods);
        }
        int perMethod = s.files().size() * (1 + (s.metrics() ? 1 : 0) + (s.sanity() ? Explainer.SANITY_STEPS : 0));
        monitor.begin(Messages.bind(Messages.jobName, model().fileName()),
                s.files().size() + s.methods().size() * perMethod);
        try {
            network().requireOpen();
            Loaded in = load(s, monitor);
            List<String> layers = camLayers(s);
            return network().with(n -> explain(n, s, in, layers, monitor));
        } finally {
            monitor.done();
        }
    }

    private Loaded load(ExplainSettings s, ProgressMonitor monitor) throws IOException {
        List<Tensor> tensors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<RgbImage> pictures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : s.files()) {
            monitor.checkCanceled();
            monitor.subTask(file.getFileName().toString());
            try {
                ModelInputs.LoadedImage image = ModelInputs.loadImage(model().graph(), model().file(), file,
                        s.preprocessing(), null);
                Tensor t = image.tensor();
                if (!tensors.isEmpty() && !Arrays.equals(t.shape(), tensors.get(0).shape())) {
                    problems.add(Messages.bind(Messages.otherSize, new Object[] { file.getFileName(),
                            Arrays.toString(t.shape()), names.get(0), Arrays.toString(tensors.get(0).shape()) }));
                } else {
                    tensors.add(t);
                    names.add(file.getFileName().toString());
                    pictures.add(image.picture());
                }
            } catch (IOException | AnalysisException e) {
                problems.add(e.getMessage());
            }
            monitor.worked(1);
        }
        if (tensors.isEmpty()) {
            throw new IOException(String.join("\n", problems));
        }
        int[] one = tensors.get(0).shape();
        int size = tensors.get(0).size();
        float[] all = new float[tensors.size() * size];
        for (int i = 0; i < tensors.size(); i++) {
            System.arraycopy(tensors.get(i).data(), 0, all, i * size, size);
        }
        Tensor batch = new Tensor(all, new int[] { tensors.size(), one[1], one[2], one[3] });
        return new Loaded(batch, names, pictures, problems);
    }

    private List<String> camLayers(ExplainSettings s) {
        if (s.methods().stream().noneMatch(AttributionMethod::needsLayer)) {
            return List.of();
        }
        AnalysisLayers layers = analysisLayers();
        List<String> asked = s.layers().isEmpty() ? Arrays.asList((String) null) : s.layers();
        List<String> nodes = new ArrayList<>();
        for (String l : asked) {
            nodes.add(layers.names().node(layers.gradCamLayer(l)));
        }
        return nodes;
    }

    /**
     * All methods in one request; when that fails, each method alone, so that one failing method
     * (a layer it cannot use, a model it cannot run) is named and the others still show.
     */
    private ExplainResult explain(Network network, ExplainSettings s, Loaded in, List<String> layers,
            ProgressMonitor monitor) {
        String score = analysisLayers().scoreNode();
        int classes = new GradCam(network).classCount(in.batch(), score);
        List<String> labels = GradCamAnalysis.labels(null, null, classes);
        Explainer explainer = new Explainer(network, s.sanity() ? ModelGraphs.toSpec(model().graph()) : null);
        int perMethod = in.names().size() * (1 + (s.metrics() ? 1 : 0) + (s.sanity() ? Explainer.SANITY_STEPS : 0));
        List<String> problems = new ArrayList<>(in.problems());
        try {
            Explanation e = explainer.explain(request(in, s, s.methods(), layers, score, labels),
                    monitor.child(s.methods().size() * perMethod));
            return new ExplainResult(e, s.methods(), in.names(), in.pictures(), problems, labels);
        } catch (AnalysisException all) {
            if (s.methods().size() == 1) {
                throw new AnalysisException(methodFailed(s.methods().get(0), all), all);
            }
        }
        Map<AttributionMethod, Explanation> worked = new LinkedHashMap<>();
        AnalysisException last = null;
        for (AttributionMethod m : s.methods()) {
            monitor.subTask(m.id());
            try {
                worked.put(m, explainer.explain(request(in, s, List.of(m), layers, score, labels),
                        monitor.child(perMethod)));
            } catch (AnalysisException e) {
                problems.add(methodFailed(m, e));
                last = e;
            }
        }
        if (worked.isEmpty()) {
            throw new AnalysisException(String.join("\n", problems.subList(in.problems().size(), problems.size())),
                    last);
        }
        return new ExplainResult(merge(worked), List.copyOf(worked.keySet()), in.names(), in.pictures(), problems,
                labels);
    }

    private static String methodFailed(AttributionMethod m, AnalysisException e) {
        return Messages.bind(Messages.methodFailed, m.id(), e.getMessage());
    }

    private static ExplainRequest request(Loaded in, ExplainSettings s, List<AttributionMethod> methods,
            List<String> layers, String score, List<String> labels) {
        return new ExplainRequest(in.batch(), methods,
                methods.stream().anyMatch(AttributionMethod::needsLayer) ? layers : List.of(), score,
                s.classIndex(), s.metrics(), s.sanity(), s.options(), labels);
    }

    /** One explanation of the methods that worked, each image's maps in the order asked. */
    private static Explanation merge(Map<AttributionMethod, Explanation> worked) {
        Explanation first = worked.values().iterator().next();
        List<ImageExplanation> images = new ArrayList<>();
        for (int i = 0; i < first.images().size(); i++) {
            ImageExplanation f = first.images().get(i);
            Map<AttributionMethod, Attribution> maps = new LinkedHashMap<>();
            Map<AttributionMethod, TrustMetrics> metrics = new LinkedHashMap<>();
            Map<AttributionMethod, SanityCheck> sanity = new LinkedHashMap<>();
            for (Explanation e : worked.values()) {
                ImageExplanation one = e.images().get(i);
                maps.putAll(one.maps());
                metrics.putAll(one.metrics());
                sanity.putAll(one.sanity());
            }
            images.add(new ImageExplanation(f.image(), f.classIndex(), f.score(), f.predictions(), maps, metrics,
                    sanity));
        }
        return new Explanation(first.layers(), first.scoreLayer(), first.inputHeight(), first.inputWidth(), images);
    }
}
