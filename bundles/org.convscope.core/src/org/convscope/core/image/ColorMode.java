package org.convscope.core.image;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;

/** Colour channels fed to the model, as {@code load_img(color_mode=…)}: chosen by the model's input channels. */
public enum ColorMode {

    /** Three channels, red–green–blue. */
    RGB,
    /** One channel, PIL's luma {@code L = 0.299 R + 0.587 G + 0.114 B}. */
    GRAYSCALE;

    /**
     * @return RGB for 3 channels, GRAYSCALE for 1
     * @throws AnalysisException for another count (images have 1 or 3)
     */
    public static ColorMode forChannels(int channels) {
        return switch (channels) {
            case 3 -> RGB;
            case 1 -> GRAYSCALE;
            default -> throw new AnalysisException(MessageBundles.bind(Messages.channelsNotImage, channels));
        };
    }

    /** @return the channel count */
    public int channels() {
        return this == RGB ? 3 : 1;
    }
}
