package org.convscope.engine.ops;

import java.util.Locale;

import org.convscope.core.text.MessageBundles;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/** Sliding-window geometry shared by convolutions and pooling, as TensorFlow defines it. */
final class Windows {

    private Windows() {
    }

    /** @return whether Keras's {@code padding} option is "same" (else "valid"; causal handled apart) */
    static boolean isSame(OpConfig c) throws UnsupportedConfigException {
        String p = c.string("padding", "valid").toLowerCase(Locale.ROOT);
        return switch (p) {
            case "same" -> true;
            case "valid" -> false;
            default -> throw new UnsupportedConfigException(MessageBundles.bind(Messages.paddingNotSupported, p));
        };
    }

    static PaddingMode mode(boolean same) {
        return same ? PaddingMode.SAME : PaddingMode.VALID;
    }

    /** Output length along one axis: {@code ceil(n / s)} for same, else the full windows that fit. */
    static long outLength(long n, int kernel, int stride, int dilation, boolean same) {
        if (same) {
            return (n + stride - 1) / stride;
        }
        long effective = (long) (kernel - 1) * dilation + 1;
        return Math.max(0, (n - effective) / stride + 1);
    }
}
