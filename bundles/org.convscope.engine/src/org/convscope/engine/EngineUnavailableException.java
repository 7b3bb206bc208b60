package org.convscope.engine;

/**
 * The engine cannot run on this machine at all (a CPU without AVX2, native libraries that do not
 * load). Models still open and show their structure; only activations are unavailable.
 */
public final class EngineUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
