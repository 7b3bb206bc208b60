package org.convscope.ui.help;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Keys page (messages.properties beside this class). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.help.messages";

    public static String title;
    public static String intro;
    public static String columnWhere;
    public static String columnKeys;
    public static String columnAction;
    public static String whereGraph;
    public static String whereWindow;
    public static String wherePictures;
    public static String find;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
