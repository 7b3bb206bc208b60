package org.convscope.ui.activations;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Activation view (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.activations.messages";

    public static String computeTask;
    public static String loading;
    public static String forward;
    public static String noSuchLayer;
    public static String input;
    public static String inputTip;
    public static String browse;
    public static String preprocessing;
    public static String preprocessingTip;
    public static String sourceUser;
    public static String sourcePreference;
    public static String sourceMetadata;
    public static String sourceFamily;
    public static String sourceFallback;
    public static String imageFiles;
    public static String allFiles;
    public static String sampleSuffix;
    public static String recentSuffix;
    public static String colLayer;
    public static String colClass;
    public static String colShape;
    public static String colMean;
    public static String colMax;
    public static String colZeros;
    public static String colDead;
    public static String colProblem;
    public static String noModel;
    public static String modelReady;
    public static String noInput;
    public static String computed;
    public static String failedLayers;
    public static String computeAction;
    public static String computeTip;
    public static String gridAction;
    public static String gridTip;
    public static String compareAction;
    public static String compareTip;
    public static String linkAction;
    public static String compareNeedsTwo;
    public static String openFailed;
    public static String noLayerChosen;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
