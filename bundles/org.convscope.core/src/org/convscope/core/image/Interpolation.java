package org.convscope.core.image;

import java.util.Locale;

import org.convscope.core.text.MessageBundles;

/** How an image is resized to the model's input, as in {@code keras.utils.load_img(interpolation=…)}. */
public enum Interpolation {

    /** Keras's default: each output pixel copies the source pixel under its centre. */
    NEAREST,
    /**
     * A triangle filter over the source, widened by the scale factor when shrinking (PIL's
     * {@code Image.BILINEAR}, an area-aware filter rather than a four-pixel blend).
     */
    BILINEAR;

    /** @return the value for a Keras name ({@code "nearest"}, {@code "bilinear"}), any case */
    public static Interpolation named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MessageBundles.bind(Messages.unknownInterpolation, name), e);
        }
    }
}
