package org.convscope.core.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a model file holds before it is interpreted as a Keras graph. It keeps the weight file
 * open for lazy loading: close it (or its {@link #weights()}) when done.
 *
 * @param file         the file read (the architecture JSON for a JSON + weights pair)
 * @param format       the kind of file
 * @param formatDetail a short description for people, e.g. {@code "HDF5 (Keras 3 legacy)"}
 * @param config       the parsed model config, a {@code Map} with {@code class_name} and
 *                     {@code config}, or {@code null} when the file holds weights only
 * @param attributes   file-level facts such as {@code keras_version} and {@code backend}
 * @param weights      the weights; never null, empty when the file has none
 */
public record RawModel(Path file, ModelFormat format, String formatDetail, Object config,
        Map<String, String> attributes, WeightStore weights) implements AutoCloseable {

    public RawModel {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(formatDetail, "formatDetail");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(weights, "weights");
    }

    /** Releases the weight file. */
    @Override
    public void close() {
        weights.close();
    }
}
