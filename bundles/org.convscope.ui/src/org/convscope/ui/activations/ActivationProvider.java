package org.convscope.ui.activations;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.render.ActivationStats;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.ActivationAnalysis;
import org.convscope.engine.analysis.AnalysisLayers;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.analysis.PreprocessingChoice;
import org.convscope.ui.ComputedActivations;
import org.convscope.ui.EngineProvider;
import org.convscope.ui.OpenModel;

/**
 * Runs one open model on inputs and keeps the results: one forward pass per (model, input) gives
 * every layer's activation, so switching layers, opening grids and comparing cost no computation.
 * The Activation view, the grid editor and the compare editor share one provider per open model.
 *
 * <p>The engine's network (native memory) is made on the first computation and freed by
 * {@link #close()}; the cached results are plain Java arrays and stay readable after it, so open
 * editors keep showing what they show.
 */
public final class ActivationProvider extends EngineProvider {

    /** Results kept per provider; an MNIST run is 100 KB, a VGG16 one about 60 MB. */
    private static final int CAPACITY = 8;

    private final Object computeLock = new Object();
    private final LinkedHashMap<InputKey, ActivationRun> runs = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param model  the model
     * @param engine makes the executable network (the real engine, or a stand-in in tests)
     */
    public ActivationProvider(OpenModel model, Function<ModelGraph, Network> engine) {
        super(model, engine);
    }

    /** @return a provider running {@code model} on the ND4J engine */
    public static ActivationProvider of(OpenModel model) {
        return new ActivationProvider(model, Engine::open);
    }

    /** @return every layer, nested models' layers after their model, as the graph lists them */
    public List<Layer> layers() {
        return model().graph().allLayers();
    }

    /** @return the layer with id {@code layerId} */
    public Optional<Layer> layer(String layerId) {
        return layers().stream().filter(l -> l.id().equals(layerId)).findFirst();
    }

    /**
     * @param userChoice the preference, empty for "as the model says"
     * @return the preprocessing to pre-select and why
     */
    public PreprocessingChoice suggestedPreprocessing(Optional<Preprocessing> userChoice) {
        return ModelInputs.preprocessing(model().file(), model().graph().name(), userChoice.orElse(null));
    }

    /**
     * @return why an image cannot be this model's input (it has no single input shaped batch,
     *         height, width, channels), or empty when one can
     */
    public Optional<String> notAnImageModel() {
        return ModelInputs.notAnImageModel(model().graph());
    }

    /** @return how an image becomes this model's input with {@code preprocessing} */
    public InputSpec inputSpec(Preprocessing preprocessing) {
        return ModelInputs.spec(model().graph(), model().file(), preprocessing, null);
    }

    /** @return the finished run for {@code input}, if it was computed */
    public Optional<ActivationRun> cached(InputKey input) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(input));
        }
    }

    /**
     * Runs the model on {@code input} unless that was done already.
     *
     * @return every layer's output, and for the layers the engine cannot run, why
     * @throws IOException                when the input cannot be used (message names the file)
     * @throws AnalysisException          when the model cannot take it
     * @throws org.convscope.core.progress.CancelledException when the monitor was cancelled
     * @throws org.convscope.engine.EngineUnavailableException when the engine cannot run here
     */
    public ActivationRun compute(InputKey input, ProgressMonitor monitor) throws IOException {
        Optional<ActivationRun> done = cached(input);
        if (done.isPresent()) {
            return done.get();
        }
        synchronized (computeLock) {
            done = cached(input);
            if (done.isPresent()) {
                return done.get();
            }
            network().requireOpen();
            long start = System.nanoTime();
            monitor.begin(Messages.bind(Messages.computeTask, input.fileName()), 10);
            monitor.subTask(Messages.bind(Messages.loading, input.fileName()));
            Tensor x = ModelInputs.load(model().graph(), model().file(), List.of(input.file()), input.preprocessing(),
                    null).tensor();
            monitor.worked(1);
            monitor.checkCanceled();
            monitor.subTask(Messages.forward);
            List<AnalysisLayers.Chosen> chosen = analysisLayers().singleOutputNodes().entrySet().stream()
                    .map(e -> new AnalysisLayers.Chosen(e.getKey(), e.getValue())).toList();
            List<ActivationAnalysis.LayerOutput> result = network().with(n -> ActivationAnalysis.run(n, x, chosen));
            monitor.worked(8);
            monitor.checkCanceled();
            Map<String, ActivationAnalysis.LayerOutput> byId = new HashMap<>();
            Map<String, Tensor> outputs = new HashMap<>();
            for (ActivationAnalysis.LayerOutput o : result) {
                byId.put(o.layer().name(), o);
                if (o.ok()) {
                    outputs.put(o.layer().name(), o.output());
                }
            }
            ActivationRun run = new ActivationRun(input, outputs, rows(byId), (System.nanoTime() - start) / 1_000_000);
            monitor.worked(1);
            synchronized (runs) {
                runs.put(input, run);
                while (runs.size() > CAPACITY) {
                    runs.remove(runs.keySet().iterator().next());
                }
            }
            return run;
        }
    }

    /**
     * @return the output of {@code layerId} for {@code input}, computing it if needed
     * @throws IOException       when the image cannot be used
     * @throws AnalysisException naming the layer and the reason when the engine cannot run it
     */
    public Tensor activation(InputKey input, String layerId, ProgressMonitor monitor) throws IOException {
        ActivationRun run = compute(input, monitor);
        return run.output(layerId).orElseThrow(() -> new AnalysisException(
                run.row(layerId).map(LayerRow::error).orElse(Messages.bind(Messages.noSuchLayer, layerId))));
    }

    /** @return what the other parts learn of a run (shapes and statistics per layer) */
    public ComputedActivations computed(ActivationRun run) {
        Map<String, ComputedActivations.LayerActivity> layers = new HashMap<>();
        for (LayerRow r : run.rows()) {
            if (r.ok()) {
                layers.put(r.layerId(), new ComputedActivations.LayerActivity(r.shape(), r.mean(), r.max(),
                        r.zeroShare(), r.dead(), r.channels()));
            }
        }
        return new ComputedActivations(model(), List.of(run.input().file()), layers);
    }

    private List<LayerRow> rows(Map<String, ActivationAnalysis.LayerOutput> byId) {
        List<Layer> layers = layers();
        List<LayerRow> rows = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            ActivationAnalysis.LayerOutput o = byId.get(l.id());
            if (o == null || !o.ok()) {
                rows.add(LayerRow.failed(l.id(), l.kerasClass(),
                        o == null ? analysisLayers().noOutput(l.id()) : o.failure()));
            } else {
                rows.add(row(l, o.output()));
            }
        }
        return rows;
    }

    private static LayerRow row(Layer l, Tensor t) {
        int rank = t.rank();
        int channels = rank >= 2 ? t.dim(rank - 1) : 1;
        if (rank < 2 || rank > 4) {
            // the grid cannot draw this rank, but the shape is still worth showing
            return new LayerRow(l.id(), l.kerasClass(), t.shape(), Double.NaN, Double.NaN, Double.NaN, 0, channels,
                    null);
        }
        ActivationStats s = ActivationStats.of(t, 0);
        return new LayerRow(l.id(), l.kerasClass(), t.shape(), s.mean(), s.max(), s.zeroShare(), s.deadCount(),
                channels, null);
    }
}
