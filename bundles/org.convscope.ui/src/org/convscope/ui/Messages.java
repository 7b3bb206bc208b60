package org.convscope.ui;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the UI bundle (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.messages";

    public static String openFailedTitle;
    public static String fileNotFound;
    public static String modelClosed;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
