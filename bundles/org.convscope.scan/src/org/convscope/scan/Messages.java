package org.convscope.scan;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String noSuchImages;
    static String noImages;
    static String listEntryMissing;
    static String npyHeader;
    static String npyNotBatch;
    static String npyRank;
    static String npyDoesNotFit;
    static String itemSizeDiffers;
    static String noConvs;
    static String notComputed;
    static String layerRank;
    static String storeMissing;
    static String storeCannotOpen;
    static String storeCannotWrite;
    static String storeNotOurs;
    static String storeOtherScan;
    static String storeChanged;
    static String storeNoLayer;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
