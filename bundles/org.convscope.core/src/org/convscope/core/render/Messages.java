package org.convscope.core.render;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String unknownColormap;
    static String unknownScale;
    static String notChannels;
    static String noPngWriter;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
