package org.convscope.ui.explain;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Explain view (messages.properties). */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.convscope.ui.explain.messages";

    public static String noModel;
    public static String ready;
    public static String run;
    public static String cancel;
    public static String exportPng;
    public static String exportNpy;
    public static String exportCsv;
    public static String jobName;
    public static String running;
    public static String done;
    public static String problems;
    public static String noImages;
    public static String noMethods;
    public static String otherSize;
    public static String methodFailed;
    public static String constantMap;
    public static String metricsLine;
    public static String sanityLine;
    public static String constantRho;
    public static String notANumber;
    public static String hover;
    public static String dialogTitle;
    public static String dialogHover;
    public static String barMin;
    public static String barMax;
    public static String nothingToExport;
    public static String overwrite;
    public static String exported;
    public static String exportFailed;
    public static String methods;
    public static String methodsTip;
    public static String images;
    public static String imagesTip;
    public static String addImages;
    public static String removeImages;
    public static String imageFiles;
    public static String allFiles;
    public static String preprocessing;
    public static String classLabel;
    public static String classTip;
    public static String topClass;
    public static String layers;
    public static String layersTip;
    public static String igSteps;
    public static String noise;
    public static String samples;
    public static String seed;
    public static String patch;
    public static String stride;
    public static String metrics;
    public static String metricsTip;
    public static String sanity;
    public static String sanityTip;
    public static String describeGradcam;
    public static String describeGradcamPlusPlus;
    public static String describeHirescam;
    public static String describeLayercam;
    public static String describeXgradcam;
    public static String describeEigencam;
    public static String describeScorecam;
    public static String describeAblationcam;
    public static String describeSaliency;
    public static String describeInputxgrad;
    public static String describeIg;
    public static String describeSmoothgrad;
    public static String describeGuidedBackprop;
    public static String describeGuidedGradcam;
    public static String describeOcclusion;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
