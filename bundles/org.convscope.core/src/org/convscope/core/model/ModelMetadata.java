package org.convscope.core.model;

import org.convscope.core.io.ModelFormat;

/**
 * Where a model came from.
 *
 * @param format       the file format, or null for a model not read from a file
 * @param formatDetail a short description for people, e.g. {@code "HDF5 (Keras 3 legacy)"}; may be empty
 * @param kerasVersion the Keras version that wrote the file, e.g. {@code "3.15.0"}, or null if unrecorded
 * @param backend      the backend recorded in the file ({@code tensorflow}, ...), or null
 * @param kerasMajor   the config dialect read: 1, 2 or 3
 */
public record ModelMetadata(ModelFormat format, String formatDetail, String kerasVersion, String backend,
        int kerasMajor) {

    public ModelMetadata {
        formatDetail = formatDetail == null ? "" : formatDetail;
    }
}
