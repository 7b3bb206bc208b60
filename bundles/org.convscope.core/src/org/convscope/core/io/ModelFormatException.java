package org.convscope.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file that cannot be read as it is. {@link #getMessage()} is one line for the user:
 * the file's name, a colon, and what is wrong with it, e.g.
 * {@code model.h5: not an HDF5 file (first bytes 50 4B 03 04: a zip — did you mean a .keras file?)}.
 */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /**
     * @param file    the file at fault
     * @param problem what is wrong, phrased for the user, one line
     */
    public ModelFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file    the file at fault
     * @param problem what is wrong, phrased for the user, one line
     * @param cause   the low-level error, kept for debugging
     */
    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(name(file) + ": " + oneLine(problem), cause);
        this.file = file;
        this.problem = oneLine(problem);
    }

    /** @return the file at fault */
    public Path file() {
        return file;
    }

    /** @return what is wrong, without the file name */
    public String problem() {
        return problem;
    }

    private static String name(Path file) {
        if (file == null) {
            return Messages.unknownFile;
        }
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    private static String oneLine(String s) {
        return s == null ? Messages.unreadable : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
