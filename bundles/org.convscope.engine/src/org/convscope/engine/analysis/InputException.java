package org.convscope.engine.analysis;

import org.convscope.core.analysis.AnalysisException;

/**
 * An input (the model, an image, a labels file) cannot do what was asked, and the message starts
 * with that input's name: a front end shows it as it is, without naming the model again.
 */
public class InputException extends AnalysisException {

    private static final long serialVersionUID = 1L;

    /** @param message the input's name, then what it cannot do */
    public InputException(String message) {
        super(message);
    }
}
