package org.convscope.ui.properties;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Properties view content (messages.properties beside this class). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.properties.messages";

    public static String weightTitle;
    public static String weightChannel;
    public static String weightRgb;
    public static String weightExportNpy;
    public static String weightFilters;
    public static String weightShrunk;
    public static String weightHistogram;
    public static String showAsPicture;
    public static String catLayer;
    public static String catConfig;
    public static String catShapes;
    public static String catParams;
    public static String catWeights;
    public static String weightsUnreadable;
    public static String catModel;
    public static String kerasClass;
    public static String name;
    public static String path;
    public static String category;
    public static String trainable;
    public static String problem;
    public static String inputShape;
    public static String outputShape;
    public static String paramsTrainable;
    public static String paramsNonTrainable;
    public static String paramsTotal;
    public static String unknown;
    public static String shape;
    public static String dtype;
    public static String notNumbers;
    public static String min;
    public static String max;
    public static String mean;
    public static String std;
    public static String sparsity;
    public static String nonFinite;
    public static String computing;
    public static String loadFailed;
    public static String statsJob;
    public static String file;
    public static String format;
    public static String formatDetail;
    public static String kerasVersion;
    public static String backend;
    public static String dialect;
    public static String kind;
    public static String layers;
    public static String allLayers;
    public static String modelInputs;
    public static String modelOutputs;
    public static String paramsLowerBound;
    public static String yes;
    public static String no;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
