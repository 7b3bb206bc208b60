package org.convscope.ui.gradcam;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Grad-CAM view (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.gradcam.messages";

    public static String noModel;
    public static String noInput;
    public static String layer;
    public static String classLabel;
    public static String topClass;
    public static String method;
    public static String opacity;
    public static String compute;
    public static String jobName;
    public static String computing;
    public static String result;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
