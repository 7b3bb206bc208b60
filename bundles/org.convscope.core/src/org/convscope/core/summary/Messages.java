package org.convscope.core.summary;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String modelTitle;
    static String columnLayer;
    static String columnOutputShape;
    static String columnParams;
    static String columnConnectedTo;
    static String totalParams;
    static String totalParamsPartlyKnown;
    static String trainableParams;
    static String nonTrainableParams;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
