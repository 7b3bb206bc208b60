package org.convscope.cli;

/**
 * Thrown by a command whose arguments are wrong; {@link Main} prints the message and the
 * command's synopsis and exits with {@link Command#USAGE}.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Runs an argument parser, turning its {@link IllegalArgumentException} into a usage error. */
    static <T> T parsing(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
