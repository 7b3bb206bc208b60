package org.convscope.core.progress;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String cancelled;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
