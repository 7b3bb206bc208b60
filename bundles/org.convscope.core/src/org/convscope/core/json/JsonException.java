package org.convscope.core.json;

import java.io.IOException;

/**
 * Malformed or too deeply nested JSON. The message says what is wrong and where (line and column,
 * 1-based, when known) so a reader of a model file can pass it on to the user unchanged.
 */
public class JsonException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /**
     * @param message what is wrong, including the position
     * @param line    1-based line, or -1 when unknown
     * @param column  1-based column, or -1 when unknown
     * @param cause   the underlying parser error, may be null
     */
    public JsonException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    /** @return the 1-based line of the error, or -1 when unknown */
    public int line() {
        return line;
    }

    /** @return the 1-based column of the error, or -1 when unknown */
    public int column() {
        return column;
    }
}
