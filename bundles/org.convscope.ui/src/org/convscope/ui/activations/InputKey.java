package org.convscope.ui.activations;

import java.nio.file.Path;
import java.util.Objects;

import org.convscope.core.image.Preprocessing;

/**
 * One input as the provider caches it: the file and how it was preprocessed. The same image with
 * another preprocessing gives other activations, so both are part of the key.
 *
 * @param file          the image (or .npy array), absolute
 * @param preprocessing the scaling applied after loading
 */
public record InputKey(Path file, Preprocessing preprocessing) {

    public InputKey {
        file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        Objects.requireNonNull(preprocessing, "preprocessing");
    }

    /** @return the file's name, as tabs and tables show it */
    public String fileName() {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }
}
