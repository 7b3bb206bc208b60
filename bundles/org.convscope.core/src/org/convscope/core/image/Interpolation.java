package org.convscope.core.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.convscope.core.analysis.AnalysisException;
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

    /**
     * @return the value for a Keras name ({@code "nearest"}, {@code "bilinear"}), any case
     * @throws AnalysisException naming {@code name} when it is neither
     */
    public static Interpolation named(String name) {
        return find(name)
                .orElseThrow(() -> new AnalysisException(MessageBundles.bind(Messages.unknownInterpolation, name)));
    }

    /** @return the value for a Keras name, any case, or empty when {@code name} is none */
    public static Optional<Interpolation> find(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.name().equals(n)).findFirst();
    }
}
