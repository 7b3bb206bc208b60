package org.convscope.ui.about;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the About pages (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.about.messages";

    public static String nativeEngineText;
    public static String defaultCacheFolder;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
