package org.convscope.engine.ops;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String notANumber;
    static String missingKey;
    static String wrongCount;
    static String notAList;
    static String holdsNonNumber;
    static String notNumberOrList;
    static String dataFormat;
    static String paddingNotSupported;
    static String expectsOneInput;
    static String missingWeight;
    static String expectsImageRank;
    static String expectsSequenceRank;
    static String expectsImage;
    static String expectsSequence;
    static String croppingLeavesNothingSteps;
    static String croppingLeavesNothing;
    static String unsupportedValue;
    static String interpolation;
    static String groupsDoNotDivide;
    static String groupedConvolution;
    static String kernelFeatures;
    static String subtractTakesTwo;
    static String concatenationAxis;
    static String argumentNeither;
    static String argumentsDoNotMatch;
    static String expectsAtLeast;
    static String differentRanks;
    static String incompatibleShapes;
    static String batchNormAxes;
    static String normalizationBatchAxis;
    static String normalizationAxis;
    static String activationNotSupported;
    static String outputPadding;
    static String dilatedTransposed;
    static String targetShapeUnknowns;
    static String cannotReshape;
    static String dimsRank;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
