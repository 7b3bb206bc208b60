package org.convscope.core.io.internal;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String absurdShapeNegative;
    static String absurdShapeTooLarge;
    static String tooManyElements;
    static String exceedsHeap;
    static String cannotRead;
    static String claimsTooMuchMemory;
    static String jsonTooLarge;
    static String notUtf8;
    static String malformedJson;
    static String weightsClosed;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
