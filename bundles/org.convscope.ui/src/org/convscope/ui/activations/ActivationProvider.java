package org.convscope.ui.activations;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.ImageInputs;
import org.convscope.core.image.ImageLoadException;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.render.ActivationStats;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.LayerNames;
import org.convscope.engine.Network;
import org.convscope.ui.ComputedActivations;
import org.convscope.ui.NetworkHolder;
import org.convscope.ui.ModelProvider;
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
public final class ActivationProvider implements ModelProvider {

    /** Results kept per provider; an MNIST run is 100 KB, a VGG16 one about 60 MB. */
    private static final int CAPACITY = 8;

    private final OpenModel model;
    private final NetworkHolder network;
    private final Object computeLock = new Object();
    private final LinkedHashMap<InputKey, ActivationRun> runs = new LinkedHashMap<>(16, 0.75f, true);
    private LayerNames names;

    /**
     * @param model  the model
     * @param engine makes the executable network (the real engine, or a stand-in in tests)
     */
    public ActivationProvider(OpenModel model, Function<ModelGraph, Network> engine) {
        this.model = model;
        this.network = new NetworkHolder(model, engine);
    }

    /** @return a provider running {@code model} on the ND4J engine */
    public static ActivationProvider of(OpenModel model) {
        return new ActivationProvider(model, Engine::open);
    }

    @Override
    public OpenModel model() {
        return model;
    }

    /** @return every layer, nested models' layers after their model, as the graph lists them */
    public List<Layer> layers() {
        return model.graph().allLayers();
    }

    /** @return the layer with id {@code layerId} */
    public Optional<Layer> layer(String layerId) {
        return layers().stream().filter(l -> l.id().equals(layerId)).findFirst();
    }

    /**
     * @param userChoice the preference, empty for "as the model says"
     * @return the preprocessing to pre-select and why
     */
    public PreprocessingGuess.Guess suggestedPreprocessing(Optional<Preprocessing> userChoice) {
        return userChoice.map(p -> new PreprocessingGuess.Guess(p, PreprocessingGuess.Source.PREFERENCE))
                .orElseGet(() -> PreprocessingGuess.forModel(model.file(), model.graph().name()));
    }

    /**
     * @return why an image cannot be this model's input (it has no single input shaped batch,
     *         height, width, channels), or empty when one can
     */
    public Optional<String> notAnImageModel() {
        if (model.graph().imageInput().isPresent()) {
            return Optional.empty();
        }
        List<TensorShape> shapes = model.graph().inputShapes();
        return Optional.of(model.fileName() + ": " + Messages.bind(Messages.notImageModel,
                shapes.size() == 1 ? shapes.get(0) : shapes.size() + " inputs"));
    }

    /** @return how an image becomes this model's input with {@code preprocessing} */
    public InputSpec inputSpec(Preprocessing preprocessing) throws IOException {
        Optional<TensorShape> input = model.graph().imageInput();
        if (input.isEmpty()) {
            throw new IOException(notAnImageModel().orElseThrow());
        }
        List<Integer> d = input.get().dims();
        int[] dims = new int[4];
        for (int i = 0; i < 4; i++) {
            dims[i] = d.get(i) == null ? -1 : d.get(i);
        }
        return InputSpec.forModel(dims, model.graph().name(), preprocessing);
    }

    /**
     * Images are resized to the model's input, but an array is fed as it is: one of another shape
     * would only fail in every layer, so it is refused here with both shapes.
     */
    private void requireFits(InputKey input, Tensor x) throws ImageLoadException {
        List<Integer> want = model.graph().imageInput().orElseThrow().dims();
        int[] got = x.shape();
        for (int i = 1; i < got.length; i++) {
            if (want.get(i) != null && want.get(i).intValue() != got[i]) {
                throw new ImageLoadException(input.file(), Messages.bind(Messages.inputDoesNotFit,
                        item(Arrays.stream(got).boxed().toList()), item(want)));
            }
        }
    }

    /** @return the shape of one batch item, as Python prints a tuple: (28, 28, 1) */
    private static String item(List<Integer> dims) {
        return dims.subList(1, dims.size()).stream().map(d -> d == null ? "None" : d.toString())
                .collect(Collectors.joining(", ", "(", ")"));
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
     * @throws IOException                when the image cannot be used (message names the file)
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
            network.requireOpen();
            long start = System.nanoTime();
            monitor.begin(Messages.bind(Messages.computeTask, input.fileName()), 10);
            monitor.subTask(Messages.bind(Messages.loading, input.fileName()));
            Tensor x = ImageInputs.batch(List.of(input.file()), inputSpec(input.preprocessing()));
            requireFits(input, x);
            monitor.worked(1);
            monitor.checkCanceled();
            monitor.subTask(Messages.forward);
            List<Layer> layers = layers();
            Map<String, String> nodes = nodes(layers);
            List<String> wanted = List.copyOf(new LinkedHashSet<>(nodes.values()));
            ForwardResult result = network.with(n -> n.forward(x, wanted));
            monitor.worked(8);
            monitor.checkCanceled();
            Map<String, Tensor> outputs = new HashMap<>();
            nodes.forEach((id, node) -> {
                Tensor t = result.outputs().get(node);
                if (t != null) {
                    outputs.put(id, t);
                }
            });
            ActivationRun run = new ActivationRun(input, outputs, rows(layers, nodes, result),
                    (System.nanoTime() - start) / 1_000_000);
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
     * @throws IOException           when the image cannot be used
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
        return new ComputedActivations(model, List.of(run.input().file()), layers);
    }

    /**
     * @return layer id → the engine node computing its output, for every layer with one output
     *         tensor (a nested model with several has a row of its own for each)
     */
    private Map<String, String> nodes(List<Layer> layers) {
        Map<String, String> nodes = new LinkedHashMap<>();
        for (Layer l : layers) {
            if (names().contains(l.id()) && names().nodes(l.id()).size() == 1) {
                nodes.put(l.id(), names().node(l.id()));
            }
        }
        return nodes;
    }

    private LayerNames names() {
        synchronized (runs) {
            if (names == null) {
                names = LayerNames.of(model.graph());
            }
            return names;
        }
    }

    private List<LayerRow> rows(List<Layer> layers, Map<String, String> nodes, ForwardResult result) {
        List<LayerRow> rows = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            String node = nodes.get(l.id());
            Tensor t = node == null ? null : result.outputs().get(node);
            if (t == null) {
                LayerFailure f = node == null ? null : result.failures().get(node);
                rows.add(LayerRow.failed(l.id(), l.kerasClass(), f != null ? f.message() : noOutput(l)));
                continue;
            }
            rows.add(row(l, t));
        }
        return rows;
    }

    /** @return why a layer has no output: the tensors it stands for, or that the engine gave none */
    private String noOutput(Layer l) {
        if (names().contains(l.id())) {
            try {
                names().node(l.id());
            } catch (AnalysisException several) {
                return several.getMessage();
            }
        }
        return Messages.bind(Messages.noOutput, l.id());
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

    /**
     * Frees the engine's native memory, at once or when the computation under way ends (this
     * returns at once); cached results stay readable.
     */
    @Override
    public void close() {
        network.close();
    }
}
