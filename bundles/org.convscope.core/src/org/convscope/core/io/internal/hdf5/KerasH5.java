package org.convscope.core.io.internal.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.convscope.core.io.ModelFormat;
import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.RawModel;
import org.convscope.core.io.ReadLimits;
import org.convscope.core.io.WeightStore;
import org.convscope.core.io.internal.Guard;
import org.convscope.core.io.internal.JsonFiles;
import org.convscope.core.io.internal.OpenFile;
import org.convscope.core.io.internal.PathWeightStore;
import org.convscope.core.text.MessageBundles;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * Reads Keras HDF5 files: full models ({@code model_config} attribute at the root, weights in
 * {@code model_weights}) and weights-only files in the Keras 2 or Keras 3 layout.
 */
public final class KerasH5 {

    private KerasH5() {
    }

    /** Reads an HDF5 model or weights file; the returned model keeps the file open. */
    public static RawModel read(Path file, ReadLimits limits) throws IOException {
        HdfFile hdf = H5Open.open(file);
        try {
            H5Context ctx = new H5Context(file, "", Files.size(file), new OpenFile(file, hdf::close), limits, file,
                    0);
            Map<String, String> attributes = new LinkedHashMap<>();
            String modelConfig = H5Attrs.string(ctx, hdf, "model_config");
            putIfPresent(attributes, "keras_version", H5Attrs.string(ctx, hdf, "keras_version"));
            putIfPresent(attributes, "backend", H5Attrs.string(ctx, hdf, "backend"));
            Object config = modelConfig == null
                    ? null
                    : JsonFiles.parse(file, Messages.modelConfigAttribute,
                            modelConfig);
            WeightStore weights = layout(ctx, hdf, config);
            if (config == null) {
                if (weights == null) {
                    throw notKeras(ctx);
                }
                String detail = weights instanceof PathWeightStore
                        ? Messages.formatWeightsKeras3
                        : Messages.formatWeightsKeras2;
                return new RawModel(file, ModelFormat.WEIGHTS_H5, detail, null, attributes, weights);
            }
            if (weights == null) {
                // A model saved without weights: nothing to load later, so let the file go now.
                hdf.close();
                weights = WeightStore.empty();
            }
            return new RawModel(file, ModelFormat.KERAS_H5,
                    MessageBundles.bind(Messages.formatHdf5, era(attributes.get("keras_version"))), config, attributes,
                    weights);
        } catch (IOException | RuntimeException | Error e) {
            hdf.close();
            throw e;
        }
    }

    /**
     * Reads the weights of an HDF5 file to pair with an architecture JSON.
     *
     * @param config the architecture, used to name layers in the Keras 3 layout
     */
    public static WeightStore weights(Path file, Object config, ReadLimits limits) throws IOException {
        HdfFile hdf = H5Open.open(file);
        try {
            H5Context ctx = new H5Context(file, "", Files.size(file), new OpenFile(file, hdf::close), limits, file,
                    0);
            WeightStore weights = layout(ctx, hdf, config);
            if (weights == null) {
                throw notKeras(ctx);
            }
            return weights;
        } catch (IOException | RuntimeException | Error e) {
            hdf.close();
            throw e;
        }
    }

    /**
     * Reads {@code model.weights.h5} of a {@code .keras} archive from memory.
     *
     * @param data   the entry's bytes
     * @param start  where they lie in {@code file} when they are mapped from it (stored), or -1
     *               when they were inflated into memory
     * @param entry  the entry's name, for messages
     * @param config gives the model config, asked only when the file does not name a layer
     */
    public static WeightStore archiveWeights(ByteBuffer data, long start, Path file, String entry,
            Supplier<Object> config, ReadLimits limits) throws IOException {
        HdfFile hdf = H5Open.open(data, file, entry);
        try {
            H5Context ctx = new H5Context(file, entry + ": ", data.remaining(), new OpenFile(file, hdf::close), limits,
                    start < 0 ? null : file, start, GlobalHeaps.of(data));
            return V3Layout.read(ctx, hdf, config);
        } catch (IOException | RuntimeException | Error e) {
            hdf.close();
            throw e;
        }
    }

    /**
     * Reads {@code model.weights.h5} of a {@code .keras} archive through a channel over its region
     * of the archive; the store closes the channel.
     *
     * @param data   the entry's bytes, position 0 at the entry's start
     * @param start  where the entry's bytes lie in {@code file}
     * @param entry  the entry's name, for messages
     * @param config gives the model config, asked only when the file does not name a layer
     */
    public static WeightStore archiveWeights(SeekableByteChannel data, long start, Path file, String entry,
            Supplier<Object> config, ReadLimits limits) throws IOException {
        HdfFile hdf = H5Open.open(data, file, entry);
        OpenFile open = new OpenFile(file, () -> {
            hdf.close();
            data.close();
        });
        try {
            H5Context ctx = new H5Context(file, entry + ": ", data.size(), open, limits, file, start);
            return V3Layout.read(ctx, hdf, config);
        } catch (IOException | RuntimeException | Error e) {
            open.close();
            throw e;
        }
    }

    /**
     * Finds the weights in whichever layout the file uses: {@code model_weights} of a full model,
     * Keras 2 {@code save_weights} at the root, or the Keras 3 {@code layers/.../vars} layout.
     *
     * @return the weights, or null when the file has none of these layouts
     */
    private static WeightStore layout(H5Context ctx, HdfFile hdf, Object config) throws IOException {
        Node group = Guard.run(ctx.file(), ctx.damaged(), MessageBundles.bind(Messages.group, "model_weights"),
                () -> hdf.getChildren().get("model_weights"));
        if (group instanceof Group g && LegacyLayout.isPresent(ctx, g)) {
            return LegacyLayout.read(ctx, g);
        }
        if (LegacyLayout.isPresent(ctx, hdf)) {
            return LegacyLayout.read(ctx, hdf);
        }
        if (V3Layout.isPresent(ctx, hdf)) {
            return V3Layout.read(ctx, hdf, config);
        }
        return null;
    }

    private static ModelFormatException notKeras(H5Context ctx) {
        return new ModelFormatException(ctx.file(), Messages.notKerasModel);
    }

    private static String era(String kerasVersion) {
        if (kerasVersion == null) {
            return Messages.eraNotRecorded;
        }
        if (kerasVersion.startsWith("3.")) {
            return Messages.eraKeras3Legacy;
        }
        if (kerasVersion.startsWith("2.")) {
            return Messages.eraKeras2;
        }
        if (kerasVersion.startsWith("1.")) {
            return Messages.eraKeras1;
        }
        return MessageBundles.bind(Messages.eraKeras, kerasVersion);
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
