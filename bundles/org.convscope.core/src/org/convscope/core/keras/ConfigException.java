package org.convscope.core.keras;

/**
 * A model config that cannot be read as a Keras model (a missing layer list, a connection to a
 * layer that does not exist). {@link KerasModels} turns it into a
 * {@link org.convscope.core.io.ModelFormatException} naming the file.
 */
final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }
}
