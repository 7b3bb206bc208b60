package org.convscope.core.analysis;

/**
 * This input cannot do what was asked: a model that takes no image, a layer it does not have or
 * the engine cannot run, a tensor of a rank that has no channels, an option value that names
 * nothing, an engine that cannot run on this machine. The message is written for the person who asked (it comes from a
 * {@code messages.properties}) and is all a front end shows: the command line prints it as one
 * line and exits with 1, a view puts it in its status line.
 * <p>
 * Everything else that escapes an analysis is a bug: {@link IllegalArgumentException} and
 * {@link IllegalStateException} mean a caller broke a precondition, and front ends report them
 * as internal errors with their stack trace, never as a message. Unchecked, like those, because
 * analyses run inside functions handed to the engine; subclasses carry what a front end may want
 * beyond the message (the engine's {@code NoSuchLayerException} its suggestions,
 * {@code LayerNotRunnableException} the failing layer, {@code EngineUnavailableException} the
 * native cause).
 */
public class AnalysisException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what cannot be done and, where there is one, what to do instead */
    public AnalysisException(String message) {
        super(message);
    }

    /**
     * @param message what cannot be done
     * @param cause   the lower-level failure it explains
     */
    public AnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
