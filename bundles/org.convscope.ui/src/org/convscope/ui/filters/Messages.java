package org.convscope.ui.filters;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Filters view (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.filters.messages";

    public static String noModel;
    public static String layer;
    public static String filters;
    public static String filtersTip;
    public static String run;
    public static String cancel;
    public static String preset;
    public static String presetTip;
    public static String steps;
    public static String stepsTip;
    public static String size;
    public static String sizeTip;
    public static String objective;
    public static String objectiveTip;
    public static String classIndex;
    public static String classTip;
    public static String direction;
    public static String directionTip;
    public static String browse;
    public static String diversity;
    public static String diversityTip;
    public static String seed;
    public static String seedTip;
    public static String badNumber;
    public static String jobName;
    public static String running;
    public static String progress;
    public static String finished;
    public static String cacheNote;
    public static String tile;
    public static String tileDead;
    public static String notYet;
    public static String hoverHint;
    public static String noChannel;
    public static String noInput;
    public static String noActivationHere;
    public static String activationRunning;
    public static String activationJob;
    public static String activation;
    public static String dialogTitle;
    public static String exportPng;
    public static String exportNpy;
    public static String wrote;
    public static String cannotWrite;
    public static String noSuchFile;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
