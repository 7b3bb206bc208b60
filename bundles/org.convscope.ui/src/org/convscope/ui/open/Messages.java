package org.convscope.ui.open;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of opening models (messages.properties beside this class). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.open.messages";

    public static String openFailedTitle;
    public static String fileNotFound;
    public static String isDirectory;
    public static String openJob;
    public static String unexpected;
    public static String openDialogTitle;
    public static String filterModels;
    public static String filterAll;
    public static String recentEmpty;
    public static String recentMissing;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
