package org.convscope.engine;

import org.convscope.core.analysis.AnalysisException;

/**
 * A requested layer cannot be computed: the engine does not support it (or an option of it), or
 * it depends on such a layer. Names the layer and its Keras class; the layers before it still
 * have their activations.
 */
public final class LayerNotRunnableException extends AnalysisException {

    private static final long serialVersionUID = 1L;

    public LayerNotRunnableException(LayerFailure failure) {
        super(failure.message());
    }
}
