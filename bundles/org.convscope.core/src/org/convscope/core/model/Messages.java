package org.convscope.core.model;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String cycle;
    static String andMore;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
