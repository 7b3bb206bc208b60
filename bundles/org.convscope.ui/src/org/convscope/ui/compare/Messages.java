package org.convscope.ui.compare;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the compare editor (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.compare.messages";

    public static String wrongInput;
    public static String editorName;
    public static String computing;
    public static String layer;
    public static String differenceTitle;
    public static String colRank;
    public static String colChannel;
    public static String colMeanA;
    public static String colMeanB;
    public static String colMeanAbs;
    public static String colScore;
    public static String noLayer;
    public static String summary;
    public static String hoverChannel;
    public static String chooseTitle;
    public static String chooseMessage;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
