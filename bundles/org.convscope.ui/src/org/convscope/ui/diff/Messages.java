package org.convscope.ui.diff;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the compare-models editor (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.diff.messages";

    public static String wrongInput;
    public static String editorName;
    public static String loading;
    public static String running;
    public static String closing;
    public static String runOnInputs;
    public static String chooseInputs;
    public static String inputFiles;
    public static String allFiles;
    public static String chooseModelA;
    public static String chooseModelB;
    public static String filterModels;
    public static String colA;
    public static String colB;
    public static String colStatus;
    public static String colRel;
    public static String colMaxAbs;
    public static String colCosine;
    public static String firstMark;
    public static String counts;
    public static String ranOn;
    public static String firstDivergence;
    public static String noDivergence;
    public static String agreement;
    public static String notMatched;
    public static String computingPair;
    public static String pairName;
    public static String pairSummary;
    public static String differenceTitle;
    public static String legendSame;
    public static String legendChanged;
    public static String legendOnly;
    public static String legendRel;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
