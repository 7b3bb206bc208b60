package org.convscope.ui.editor;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the model editor (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.editor.messages";

    public static String notAModel;
    public static String loading;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
