package org.convscope.core.npy;

import java.io.IOException;

/** A file that is not a {@code .npy} array Convscope can read; the message names the file and the problem. */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message the full user-facing line, e.g. "x.npy: not a .npy file (first bytes 50 4B 03 04)" */
    public NpyFormatException(String message) {
        super(message);
    }
}
