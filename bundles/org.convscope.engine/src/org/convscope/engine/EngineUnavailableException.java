package org.convscope.engine;

import org.convscope.core.analysis.AnalysisException;

/**
 * The engine cannot run on this machine at all (a CPU without AVX2, native libraries that do not
 * load). Models still open and show their structure; only activations are unavailable. An
 * {@link AnalysisException}: what was asked cannot be done here, and the message says why.
 */
public final class EngineUnavailableException extends AnalysisException {

    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
