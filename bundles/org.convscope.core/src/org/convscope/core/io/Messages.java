package org.convscope.core.io;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String notHdf5;
    static String notKerasArchive;
    static String notJson;
    static String notModelFile;
    static String notArchitectureJson;
    static String notHdf5Weights;
    static String formatArchitectureKeras3Weights;
    static String formatArchitectureKeras2Weights;
    static String formatArchitectureJson;
    static String jsonNotKerasModel;
    static String directoryNotModel;
    static String noSuchFile;
    static String fileEmpty;
    static String firstBytes;
    static String firstBytesZip;
    static String firstBytesHdf5;
    static String firstBytesJson;
    static String firstBytesDamagedHdf5;
    static String firstBytesGzip;
    static String unknownFile;
    static String unreadable;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
