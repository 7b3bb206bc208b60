package org.convscope.core.io.internal.tfjs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.convscope.core.io.ModelFormat;
import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.RawModel;
import org.convscope.core.io.ReadLimits;
import org.convscope.core.io.WeightRef;
import org.convscope.core.io.internal.KerasConfigs;
import org.convscope.core.io.internal.NamedWeightStore;
import org.convscope.core.io.internal.OpenFile;
import org.convscope.core.io.internal.Sizes;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;

/**
 * Reads a TensorFlow.js layers model: {@code model.json} with {@code modelTopology} (the Keras
 * config) and {@code weightsManifest}, whose groups list shard files read as one byte sequence
 * and the weights stored in it one after another. Quantized weights ({@code uint8}, {@code uint16}
 * with {@code scale} and {@code min}, or {@code float16}) are dequantized on load.
 */
public final class TfjsModel {

    private TfjsModel() {
    }

    /** @return whether a parsed JSON document is a TensorFlow.js model */
    public static boolean isTfjs(Object json) {
        return json instanceof Map<?, ?> m
                && (m.containsKey("modelTopology") || m.containsKey("weightsManifest") || m.containsKey("format"));
    }

    /** Reads the model; shard files are checked now and read when weights load. */
    public static RawModel read(Path file, Object json, ReadLimits limits) throws IOException {
        Map<?, ?> root = (Map<?, ?>) json;
        Object format = root.get("format");
        if (format != null && !"layers-model".equals(format)) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.notLayersModel, format));
        }
        if (!(root.get("modelTopology") instanceof Map<?, ?> topology)) {
            throw new ModelFormatException(file, Messages.noModelTopology);
        }
        Object config = topology.get("model_config") instanceof Map<?, ?> mc ? mc : topology;
        if (!(config instanceof Map<?, ?> c) || !(c.get("class_name") instanceof String)) {
            throw new ModelFormatException(file, Messages.noModelConfig);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String key : List.of("keras_version", "backend")) {
            if (topology.get(key) instanceof String s) {
                attributes.put(key, s);
            }
        }
        for (String key : List.of("generatedBy", "convertedBy")) {
            if (root.get(key) instanceof String s) {
                attributes.put(key, s);
            }
        }
        NamedWeightStore store = new NamedWeightStore(new OpenFile(file, null));
        Object manifest = root.get("weightsManifest");
        if (manifest != null) {
            if (!(manifest instanceof List<?> groups)) {
                throw new ModelFormatException(file, Messages.manifestNotList);
            }
            Set<String> layers = new HashSet<>();
            KerasConfigs.layers(config).forEach(e -> layers.add(e.name()));
            for (int g = 0; g < groups.size(); g++) {
                readGroup(file, groups.get(g), g, layers, store, limits);
            }
        }
        return new RawModel(file, ModelFormat.TFJS_LAYERS, Messages.formatLayersModel, config, attributes, store);
    }

    private static void readGroup(Path file, Object group, int index, Set<String> layers, NamedWeightStore store,
            ReadLimits limits)
            throws IOException {
        String where = MessageBundles.bind(Messages.manifestGroup, index + 1);
        if (!(group instanceof Map<?, ?> m) || !(m.get("paths") instanceof List<?> paths)
                || !(m.get("weights") instanceof List<?> weights)) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.groupLacksLists, where));
        }
        List<String> names = new ArrayList<>();
        for (Object p : paths) {
            if (!(p instanceof String s)) {
                throw new ModelFormatException(file, MessageBundles.bind(Messages.shardPathNotText, where));
            }
            names.add(s);
        }
        Shards shards = new Shards(file, names);
        long offset = 0;
        for (Object w : weights) {
            Spec spec = Spec.of(file, where, w, limits);
            long bytes = Sizes.multiply(spec.elements, spec.width);
            if (bytes > shards.total() - offset) {
                throw new ModelFormatException(file,
                        MessageBundles.bind(Messages.shardsTooShort, where, bytes, offset, spec.name,
                                names, shards.total()));
            }
            long at = offset;
            String top = topLayer(spec.name, layers);
            store.add(top, spec.name, new WeightRef(NamedWeightStore.shortName(spec.name), spec.shape,
                    Optional.of(spec.reportedDtype()), () -> load(file, shards, spec, at)));
            offset += bytes;
        }
    }

    /**
     * The top-level layer a weight belongs to: the first part of its name that names one, since
     * Keras 3 puts the model's own name first ({@code model/conv2d/kernel}).
     */
    private static String topLayer(String name, Set<String> layers) {
        String[] parts = name.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (layers.contains(parts[i])) {
                return parts[i];
            }
        }
        return parts[0];
    }

    private static Tensor load(Path file, Shards shards, Spec spec, long offset) throws IOException {
        Sizes.checkHeap(file, MessageBundles.bind(Messages.weight, spec.name), spec.elements);
        int n = (int) spec.elements;
        ByteBuffer b = shards.read(offset, n * spec.width).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[n];
        String stored = spec.quantDtype != null ? spec.quantDtype : spec.dtype;
        switch (stored) {
            case "float32" -> b.asFloatBuffer().get(out);
            case "int32" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(i * 4);
                }
            }
            case "bool" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) != 0 ? 1f : 0f;
                }
            }
            case "uint8" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) ((b.get(i) & 0xff) * spec.scale + spec.min);
                }
            }
            case "uint16" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) ((b.getShort(i * 2) & 0xffff) * spec.scale + spec.min);
                }
            }
            case "float16" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Half.toFloat(b.getShort(i * 2));
                }
            }
            default -> throw new IllegalStateException("unchecked dtype " + stored);
        }
        return new Tensor(out, spec.shape);
    }
}
