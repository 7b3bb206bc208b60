package org.convscope.core.npy;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String notNpy;
    static String noBytes;
    static String unsupportedVersion;
    static String truncatedHeader;
    static String tooManyValues;
    static String tooManyBytes;
    static String truncatedData;
    static String unsupportedDtype;
    static String structuredArray;
    static String noDescr;
    static String noOrderOrShape;
    static String badDimension;
    static String dimensionOutOfRange;
    static String headerTooLong;
    static String moreThan2To63;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
