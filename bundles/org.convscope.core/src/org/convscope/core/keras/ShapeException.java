package org.convscope.core.keras;

/**
 * A layer's config and input shapes do not fit together (a kernel larger than its input,
 * mismatched merge inputs). The layer's output shape is then marked unknown with this message.
 */
final class ShapeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ShapeException(String message) {
        super(message);
    }
}
