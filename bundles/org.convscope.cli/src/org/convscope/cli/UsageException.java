package org.convscope.cli;

import java.util.function.Supplier;

import org.convscope.core.analysis.AnalysisException;

/**
 * Thrown by a command whose arguments are wrong; {@link Main} prints the message and the
 * command's synopsis and exits with {@link Command#USAGE}.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Runs an argument parser. An option value the analysis does not know (a colour map, a
     * preprocessing) is the person's to fix in the arguments: a usage error.
     */
    static <T> T parsing(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (AnalysisException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
