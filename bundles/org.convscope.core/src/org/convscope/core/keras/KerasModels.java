package org.convscope.core.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.convscope.core.io.ModelFiles;
import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.RawModel;
import org.convscope.core.io.WeightStore;
import org.convscope.core.model.CyclicGraphException;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.ModelMetadata;
import org.convscope.core.text.MessageBundles;

/**
 * Opens Keras models of every era as {@link ModelGraph}s: Keras 1, 2 and 3 configs, Sequential
 * and functional, nested models, shared layers, several inputs and outputs, from {@code .h5},
 * {@code .keras}, tfjs {@code model.json} or an architecture JSON.
 *
 * <p>Nothing in a config is run: {@code Lambda} functions and custom classes stay text. A layer of
 * an unknown class opens as {@link LayerCategory#UNKNOWN}; {@link #unsupportedLayers(ModelGraph)}
 * lists those.
 */
public final class KerasModels {

    private KerasModels() {
    }

    /**
     * Reads a model file and builds its graph. The graph keeps the weight file open for lazy
     * loading until {@link ModelGraph#close()}.
     *
     * @param file a {@code .h5}, {@code .keras}, tfjs {@code model.json} or architecture JSON
     * @return the graph
     * @throws ModelFormatException if the file is not a readable Keras model
     * @throws IOException          if reading fails
     */
    public static ModelGraph open(Path file) throws IOException {
        return open(file, graph -> {
            // nothing to do while the weights are read
        });
    }

    /**
     * Reads a model file and builds its graph, doing {@code meanwhile} with the graph while the
     * weights' structure is still being read (a large {@code .keras} archive's is walked on a
     * thread of its own): work that needs the layers but not their weights, such as laying the
     * graph out, then costs no time of its own. The graph is returned, and so usable, only once
     * the weights are read; if they cannot be, what {@code meanwhile} made of the graph is to be
     * dropped.
     *
     * @param file      a {@code .h5}, {@code .keras}, tfjs {@code model.json} or architecture JSON
     * @param meanwhile called in the caller's thread with the graph before the weights are ready;
     *                  not called when they were read with the config; must not ask for weights
     * @return the graph
     * @throws ModelFormatException if the file is not a readable Keras model
     * @throws IOException          if reading fails
     */
    public static ModelGraph open(Path file, Consumer<ModelGraph> meanwhile) throws IOException {
        RawModel raw = ModelFiles.readOverlapped(file);
        ModelGraph graph = buildOverlapped(raw);
        try {
            if (ModelFiles.weightsPending(raw)) {
                meanwhile.accept(graph);
            }
            ModelFiles.awaitWeights(raw);
        } catch (IOException | RuntimeException | Error e) {
            graph.close();
            throw e;
        }
        return graph;
    }

    /**
     * Reads a model file and builds its graph, leaving a large {@code .keras} archive's weight
     * file to be walked (on a thread of its own) when first asked for: by
     * {@link ModelGraph#weightsRead()}, which also tells what the walk found wrong with the file,
     * or by asking for a layer's weights, which waits for the walk. Building the graph then has
     * the machine to itself. Every other file is read whole, as by {@link #open(Path)}.
     *
     * @param file a model file
     * @return the graph, whose weights may not be read yet
     * @throws ModelFormatException if the file is not a readable Keras model (its config; an
     *                              HDF5 file's weights too)
     * @throws IOException          if reading fails
     */
    public static ModelGraph openEarly(Path file) throws IOException {
        return buildOverlapped(ModelFiles.readDeferred(file));
    }

    /**
     * Builds the graph of a model whose weights may still be being walked; a fault of the walk
     * is thrown before a fault of the config.
     */
    private static ModelGraph buildOverlapped(RawModel raw) throws IOException {
        try {
            return build(raw);
        } catch (ModelFormatException | RuntimeException e) {
            try {
                ModelFiles.awaitWeights(raw);
            } catch (IOException weights) {
                raw.close();
                throw weights;
            }
            raw.close();
            throw e;
        }
    }

    /**
     * Reads an architecture JSON with a separate weights file.
     *
     * @param architectureJson the {@code model.to_json()} output
     * @param weights          the {@code save_weights} HDF5 file
     * @return the graph
     * @throws ModelFormatException if either file is not readable as such
     * @throws IOException          if reading fails
     */
    public static ModelGraph open(Path architectureJson, Path weights) throws IOException {
        return buildClosingOnError(ModelFiles.read(architectureJson, weights));
    }

    private static ModelGraph buildClosingOnError(RawModel raw) throws ModelFormatException {
        try {
            return build(raw);
        } catch (ModelFormatException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * Builds the graph of a file already read. The graph takes over the raw model's weight store.
     *
     * @param raw what the file holds
     * @return the graph
     * @throws ModelFormatException if the file holds no model config or the config is not a
     *                              Keras model (naming the file and the problem)
     */
    public static ModelGraph build(RawModel raw) throws ModelFormatException {
        if (raw.config() == null) {
            throw new ModelFormatException(raw.file(),
                    Messages.weightsOnly);
        }
        Map<String, String> a = raw.attributes();
        ModelMetadata metadata = new ModelMetadata(raw.format(), raw.formatDetail(), a.get("keras_version"),
                a.get("backend"), kerasMajor(a.get("keras_version"), raw.config()));
        return build(raw.config(), metadata, raw.weights(), raw.file());
    }

    /**
     * Builds the graph of a parsed model config.
     *
     * @param config   a model entry ({@code class_name} and {@code config}), or a document that
     *                 holds one under {@code model_config} / {@code modelTopology}
     * @param metadata the metadata to attach
     * @param weights  where layers find their weights; owned and closed by the graph; may be null
     * @param file     the file the config came from, for messages; may be null
     * @return the graph
     * @throws ModelFormatException if the config is not a Keras model
     */
    public static ModelGraph build(Object config, ModelMetadata metadata, WeightStore weights, Path file)
            throws ModelFormatException {
        Map<String, Object> entry = modelEntry(config);
        if (entry == null) {
            throw new ModelFormatException(file, Messages.configNotModel);
        }
        try {
            return new GraphBuilder(metadata, weights == null ? WeightStore.empty() : weights).buildTop(entry);
        } catch (CyclicGraphException e) {
            throw new ModelFormatException(file, e.getMessage(), e);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.badConfig, e.getMessage()), e);
        } catch (RuntimeException e) {
            // A config shaped in a way no reader path foresaw: still the file's fault, never a crash.
            throw new ModelFormatException(file, MessageBundles.bind(Messages.badConfigUnforeseen, e), e);
        }
    }

    /**
     * Builds the graph of a config with no file behind it (tests, pasted JSON).
     *
     * @param config a model entry ({@code class_name} and {@code config})
     * @return the graph, without weights
     * @throws ModelFormatException if the config is not a Keras model
     */
    public static ModelGraph build(Object config) throws ModelFormatException {
        ModelMetadata metadata = new ModelMetadata(null, "", null, null, kerasMajor(null, config));
        return build(config, metadata, null, null);
    }

    private static Map<String, Object> modelEntry(Object config) {
        Map<String, Object> m = Configs.asMap(config);
        for (int i = 0; m != null && i < 3; i++) {
            if (Configs.isCamelCase(m) || m.containsKey("modelTopology")) {
                m = Configs.asMap(Configs.snakeCaseKeys(m));
            }
            if (Configs.className(m) != null) {
                return m;
            }
            Object inner = m.containsKey("model_config") ? m.get("model_config") : m.get("model_topology");
            m = Configs.asMap(inner);
        }
        return null;
    }

    /**
     * @param version the recorded {@code keras_version}, may be null
     * @param config  the config, to tell Keras 3 by its {@code module} keys when no version is recorded
     * @return 1, 2 or 3
     */
    static int kerasMajor(String version, Object config) {
        if (version != null && !version.isEmpty() && Character.isDigit(version.charAt(0))) {
            int major = version.charAt(0) - '0';
            if (major >= 1 && major <= 3) {
                return major;
            }
        }
        Map<String, Object> m = Configs.asMap(config);
        if (m != null && (m.containsKey("module") || m.containsKey("registered_name"))) {
            return 3;
        }
        return 2;
    }

    /**
     * @param graph a model
     * @return one exception per layer of an unknown Keras class, nested models included, in layer
     *         order; empty when every class is known
     */
    public static List<UnsupportedLayerException> unsupportedLayers(ModelGraph graph) {
        List<UnsupportedLayerException> out = new ArrayList<>();
        for (Layer l : graph.allLayers()) {
            if (l.category() == LayerCategory.UNKNOWN) {
                out.add(new UnsupportedLayerException(l.id(), l.kerasClass(),
                        l.problem().orElse(Messages.unknownClass)));
            }
        }
        return out;
    }
}
