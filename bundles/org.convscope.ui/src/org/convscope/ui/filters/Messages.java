package org.convscope.ui.filters;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Filters view (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.filters.messages";

    public static String noModel;
    public static String layer;
    public static String filters;
    public static String filtersTip;
    public static String preset;
    public static String presetTip;
    public static String run;
    public static String jobName;
    public static String running;
    public static String finished;
    public static String tile;
    public static String tileDead;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
