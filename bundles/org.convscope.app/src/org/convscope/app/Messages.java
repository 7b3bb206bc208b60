package org.convscope.app;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the application bundle (messages.properties). */
final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.app.messages";

    public static String appName;
    public static String titleWithModel;
    public static String menuFile;
    public static String menuWindow;
    public static String menuHelp;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }

    /** @return the window title for the open model's file name, or the bare name for none */
    static String windowTitle(String modelFileName) {
        return modelFileName == null ? appName : NLS.bind(titleWithModel, modelFileName, appName);
    }
}
