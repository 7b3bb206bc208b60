package org.convscope.ui.ide;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the IDE integration (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.ide.messages";

    public static String cannotOpen;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
