package org.convscope.core.npy;

import java.io.IOException;

/**
 * A file that is not a {@code .npy} array Convscope can read. {@link #getMessage()} is the full
 * user-facing line, the file's name and the problem; callers that name the file themselves take
 * {@link #problem()}.
 */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final String problem;

    /**
     * @param fileName the file's name as messages show it, e.g. {@code "x.npy"}
     * @param problem  what is wrong, e.g. "not a .npy file (first bytes 50 4B 03 04)"
     */
    public NpyFormatException(String fileName, String problem) {
        super(fileName + ": " + problem);
        this.fileName = fileName;
        this.problem = problem;
    }

    /** @return the file's name as messages show it */
    public String fileName() {
        return fileName;
    }

    /** @return what is wrong, without the file's name */
    public String problem() {
        return problem;
    }
}
