package org.convscope.scan.spark;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String usage;
    static String failed;
    static String appName;
    static String progress;
    static String alreadyDone;
    static String resumed;
    static String done;
    static String noValue;
    static String unknownOption;
    static String arguments;
    static String outMissing;
    static String notPositive;
    static String stamp;
    static String stampMain;
    static String stampListed;
    static String stampPrepared;
    static String stampSparkReady;
    static String stampHandedOut;
    static String stampTaskStarted;
    static String stampTaskOpened;
    static String stampTaskDone;
    static String stampCollected;
    static String stampStored;
    static String warmUpAppName;
    static String warmUpWrong;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
