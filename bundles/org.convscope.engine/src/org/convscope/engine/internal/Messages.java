package org.convscope.engine.internal;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String noLayer;
    static String guidedNeedsOwnPass;
    static String notDownstream;
    static String failedWhileRunning;
    static String notDependedOn;
    static String notInputOrDependency;
    static String inputCount;
    static String noBatchAxis;
    static String modelInputCount;
    static String inputNotModelInput;
    static String readsOutputOfSeveral;
    static String inputNotBefore;
    static String classNotSupported;
    static String cannotBeBuilt;
    static String inputShapeMismatch;
    static String anyDimension;
    static String cannotLoadWeights;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
