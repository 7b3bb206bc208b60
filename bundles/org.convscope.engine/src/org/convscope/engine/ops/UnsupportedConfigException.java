package org.convscope.engine.ops;

/**
 * A layer's config asks for something the engine cannot compute (an option, a data format, a
 * missing weight). The message says what, in words a user can act on; the engine adds the layer's
 * name and class.
 */
public final class UnsupportedConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnsupportedConfigException(String message) {
        super(message);
    }
}
