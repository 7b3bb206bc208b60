package org.convscope.core.json;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String trailingData;
    static String unexpectedEnd;
    static String unexpectedToken;
    static String nestedTooDeep;
    static String atPosition;
    static String malformed;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
