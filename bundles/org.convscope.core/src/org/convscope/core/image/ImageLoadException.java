package org.convscope.core.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An image that cannot be used as an input: not an image, truncated, empty, of an unsupported
 * kind, or of the wrong size for a batch. {@link #getMessage()} is the full user-facing line,
 * starting with the file name.
 */
public class ImageLoadException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file    the offending file
     * @param problem what is wrong, e.g. "truncated JPEG (no end-of-image marker)"
     */
    public ImageLoadException(Path file, String problem) {
        this(file, problem, null);
    }

    /** Same, keeping the decoder's exception as the cause. */
    public ImageLoadException(Path file, String problem, Throwable cause) {
        super(name(file) + ": " + problem, cause);
        this.file = file;
    }

    /** @return the offending file */
    public Path file() {
        return file;
    }

    private static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }
}
