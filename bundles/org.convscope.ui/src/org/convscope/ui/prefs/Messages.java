package org.convscope.ui.prefs;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the preferences (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.prefs.messages";

    public static String pageDescription;
    public static String colormap;
    public static String perRow;
    public static String scope;
    public static String scopeChannel;
    public static String scopeLayer;
    public static String scopeGlobal;
    public static String preprocessing;
    public static String preprocessingAuto;
    public static String preprocessingRescale;
    public static String preprocessingCaffe;
    public static String preprocessingTf;
    public static String preprocessingTorch;
    public static String preprocessingNone;
    public static String theme;
    public static String themeLight;
    public static String themeDark;
    public static String themeNote;
    public static String restartTitle;
    public static String restartText;
    public static String restartNow;
    public static String restartLater;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
