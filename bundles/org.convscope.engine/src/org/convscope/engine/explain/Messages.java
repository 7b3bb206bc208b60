package org.convscope.engine.explain;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String unknownMethod;
    static String badOptions;
    static String badSmoothBase;
    static String needsLayer;
    static String needs4d;
    static String layerNotRunnable;
    static String oneInput;
    static String notImages;
    static String noMethod;
    static String notClassScores;
    static String classOutOfRange;
    static String taskExplain;
    static String taskMetrics;
    static String taskSanity;
    static String sanityNeedsSpec;
    static String noWeightedLayer;
    static String cannotLoadWeights;
    static String gridClass;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
