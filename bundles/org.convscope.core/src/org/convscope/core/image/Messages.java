package org.convscope.core.image;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String noSuchFile;
    static String emptyFile;
    static String notImage;
    static String notImageZip;
    static String notImageWebp;
    static String notImageNpy;
    static String zeroSize;
    static String tooManyPixels;
    static String tooSmallForSize;
    static String truncatedJpeg;
    static String truncated;
    static String unsupportedVariant;
    static String cannotDecode;
    static String cannotDecodeShort;
    static String batchSizesDiffer;
    static String sizeGrey;
    static String sizeColour;
    static String sizeChannels;
    static String arrayNotImage;
    static String unknownInterpolation;
    static String unknownPreprocessing;
    static String preprocessingNeedsRgb;
    static String channelsNotImage;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
