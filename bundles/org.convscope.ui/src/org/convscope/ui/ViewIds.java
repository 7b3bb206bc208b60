package org.convscope.ui;

/** Ids of the views and editors that Convscope contributes, as declared in plugin.xml. */
public final class ViewIds {

    /** The Activation view. */
    public static final String ACTIVATIONS = "org.convscope.ui.views.activations";
    /** The Filters view (patterns by gradient ascent). */
    public static final String FILTERS = "org.convscope.ui.views.filters";
    /** The Grad-CAM view. */
    public static final String GRADCAM = "org.convscope.ui.views.gradcam";
    /** The Explain view (attribution methods side by side). */
    public static final String EXPLAIN = "org.convscope.ui.views.explain";

    private ViewIds() {
    }
}
