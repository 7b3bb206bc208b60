package org.convscope.engine;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String noNativeBuild;
    static String nativeBuildForced;
    static String noNativeBuildShort;
    static String nativeFailed;
    static String layerFailed;
    static String layerNotComputed;
    static String noSuchLayer;
    static String noSuchLayerDidYouMean;
    static String severalOutputs;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
