package org.convscope.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.io.internal.JsonFiles;
import org.convscope.core.io.internal.KerasConfigs;
import org.convscope.core.io.internal.PathWeightStore;
import org.convscope.core.io.internal.Sniffer;
import org.convscope.core.io.internal.Sniffer.Kind;
import org.convscope.core.io.internal.hdf5.KerasH5;
import org.convscope.core.io.internal.tfjs.TfjsModel;
import org.convscope.core.io.internal.zip.KerasArchive;
import org.convscope.core.io.internal.zip.PendingWeightStore;
import org.convscope.core.text.MessageBundles;

/**
 * Reads any Keras model file into a {@link RawModel}. The format is judged by content (HDF5
 * signature, zip signature, JSON), and a name that promises another format ({@code .h5} holding a
 * zip, {@code .keras} holding HDF5) is reported rather than guessed around, so the user learns
 * what the file really is.
 *
 * <p>Structure is read at once; weights stay in the file until loaded, so the returned model
 * must be closed.
 */
public final class ModelFiles {

    /** Keras configs stay below a few MiB even for the largest applications; more is damage. */
    private static final long MAX_JSON = 64L << 20;

    private ModelFiles() {
    }

    /**
     * Reads a model file: Keras HDF5 ({@code .h5}, {@code .hdf5}, {@code .weights.h5}), Keras 3
     * archive ({@code .keras}), TensorFlow.js {@code model.json}, or an architecture JSON.
     *
     * @param file the file
     * @return its config, attributes and weights
     * @throws ModelFormatException if the file is not a readable model; the message says why
     * @throws IOException          if the file cannot be read at all (e.g. it does not exist)
     */
    public static RawModel read(Path file) throws IOException {
        return read(file, ReadLimits.DEFAULT);
    }

    /**
     * Same as {@link #read(Path)} with explicit size limits.
     *
     * @param file   the file
     * @param limits bounds on what the file may declare
     * @return its config, attributes and weights
     * @throws IOException as {@link #read(Path)}
     */
    public static RawModel read(Path file, ReadLimits limits) throws IOException {
        Kind kind = kindOf(file);
        String ext = extension(file);
        if ((ext.equals("h5") || ext.equals("hdf5")) && kind != Kind.HDF5) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.notHdf5, describe(file, kind)));
        }
        if (ext.equals("keras") && kind != Kind.ZIP) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.notKerasArchive, describe(file, kind)));
        }
        if (ext.equals("json") && kind != Kind.JSON) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.notJson, describe(file, kind)));
        }
        switch (kind) {
            case HDF5 :
                return KerasH5.read(file, limits);
            case ZIP :
                return KerasArchive.read(file, limits);
            case JSON :
                return readJson(file, limits);
            default :
                throw new ModelFormatException(file, MessageBundles.bind(Messages.notModelFile, describe(file, kind)));
        }
    }

    /**
     * As {@link #read(Path)}, except that a {@code .keras} archive's weight structure may still be
     * read on another thread when this returns, so that its graph is built meanwhile. Call
     * {@link #awaitWeights(RawModel)} before relying on the file being sound.
     *
     * @param file the file
     * @return its config, attributes and weights (perhaps still being read)
     * @throws IOException as {@link #read(Path)}, except for what the weights' structure holds
     */
    public static RawModel readOverlapped(Path file) throws IOException {
        if (extension(file).equals("keras") && kindOf(file) == Kind.ZIP) {
            return KerasArchive.readOverlapped(file, ReadLimits.DEFAULT);
        }
        return read(file);
    }

    /**
     * Like {@link #readOverlapped(Path)}, but a {@code .keras} archive's weights are not walked
     * until they are first asked for ({@code structureRead()}, {@code weights}, {@code layerPaths});
     * their faults are reported then.
     *
     * @param file a model file
     * @return its config, attributes and weights (perhaps not read yet)
     * @throws IOException as {@link #read(Path)}, except for what the weights' structure holds
     */
    public static RawModel readDeferred(Path file) throws IOException {
        if (extension(file).equals("keras") && kindOf(file) == Kind.ZIP) {
            return KerasArchive.readDeferred(file, ReadLimits.DEFAULT);
        }
        return read(file);
    }

    /**
     * Waits until {@code raw}'s weight structure is read.
     *
     * @param raw a model from {@link #readOverlapped(Path)} (any other returns at once)
     * @throws IOException what reading the weights' structure found wrong with the file
     */
    public static void awaitWeights(RawModel raw) throws IOException {
        if (raw.weights() instanceof PendingWeightStore pending) {
            pending.await();
        }
    }

    /**
     * @param raw a model from {@link #readOverlapped(Path)}
     * @return whether its weights' structure may still be being read
     */
    public static boolean weightsPending(RawModel raw) {
        return raw.weights() instanceof PendingWeightStore;
    }

    /**
     * Reads an architecture JSON ({@code model.to_json()}) with the weights saved beside it
     * ({@code save_weights}, Keras 2 or Keras 3 layout, or a full HDF5 model whose weights are used).
     *
     * @param architectureJson the architecture
     * @param weights          the HDF5 weights
     * @return the model; {@link RawModel#file()} is the JSON, the format {@link ModelFormat#WEIGHTS_H5}
     * @throws IOException as {@link #read(Path)}, naming whichever file is at fault
     */
    public static RawModel read(Path architectureJson, Path weights) throws IOException {
        return read(architectureJson, weights, ReadLimits.DEFAULT);
    }

    /**
     * Same as {@link #read(Path, Path)} with explicit size limits.
     *
     * @param architectureJson the architecture
     * @param weights          the HDF5 weights
     * @param limits           bounds on what the files may declare
     * @return the model
     * @throws IOException as {@link #read(Path)}
     */
    public static RawModel read(Path architectureJson, Path weights, ReadLimits limits) throws IOException {
        RawModel architecture = read(architectureJson, limits);
        if (architecture.format() != ModelFormat.JSON_ARCHITECTURE) {
            architecture.close();
            throw new ModelFormatException(architectureJson,
                    MessageBundles.bind(Messages.notArchitectureJson, architecture.formatDetail()));
        }
        Kind kind = kindOf(weights);
        if (kind != Kind.HDF5) {
            throw new ModelFormatException(weights,
                    MessageBundles.bind(Messages.notHdf5Weights, describe(weights, kind)));
        }
        WeightStore store = KerasH5.weights(weights, architecture.config(), limits);
        String detail = store instanceof PathWeightStore
                ? Messages.formatArchitectureKeras3Weights
                : Messages.formatArchitectureKeras2Weights;
        return new RawModel(architectureJson, ModelFormat.WEIGHTS_H5, detail, architecture.config(),
                architecture.attributes(), store);
    }

    private static RawModel readJson(Path file, ReadLimits limits) throws IOException {
        Object json = JsonFiles.read(file, Math.min(MAX_JSON, limits.maxEntryBytes()));
        if (TfjsModel.isTfjs(json)) {
            return TfjsModel.read(file, json, limits);
        }
        if (json instanceof Map<?, ?> m && m.get("class_name") instanceof String) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String key : new String[] { "keras_version", "backend" }) {
                String value = KerasConfigs.string(json, key);
                if (value != null) {
                    attributes.put(key, value);
                }
            }
            return new RawModel(file, ModelFormat.JSON_ARCHITECTURE, Messages.formatArchitectureJson, json,
                    attributes, WeightStore.empty());
        }
        throw new ModelFormatException(file, Messages.jsonNotKerasModel);
    }

    private static Kind kindOf(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file, Messages.directoryNotModel);
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, Messages.noSuchFile);
        }
        return Sniffer.kind(file);
    }

    private static String describe(Path file, Kind kind) throws IOException {
        if (kind == Kind.EMPTY) {
            return Messages.fileEmpty;
        }
        String bytes = Sniffer.firstBytes(file, 4);
        String message = switch (kind) {
            case ZIP -> Messages.firstBytesZip;
            case HDF5 -> Messages.firstBytesHdf5;
            case JSON -> Messages.firstBytesJson;
            default -> hint(bytes);
        };
        return MessageBundles.bind(message, bytes);
    }

    private static String hint(String firstBytes) {
        if (firstBytes.startsWith("89 48 44 46")) {
            return Messages.firstBytesDamagedHdf5;
        }
        if (firstBytes.startsWith("1F 8B")) {
            return Messages.firstBytesGzip;
        }
        return Messages.firstBytes;
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        int dot = s.lastIndexOf('.');
        return dot < 0 ? "" : s.substring(dot + 1);
    }
}
