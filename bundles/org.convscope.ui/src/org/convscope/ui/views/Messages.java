package org.convscope.ui.views;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the views' common parts (messages.properties). */
final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.views.messages";

    public static String cancelled;
    public static String internalError;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
