package org.convscope.core.keras;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String unsupportedLayer;
    static String weightsOnly;
    static String configNotModel;
    static String badConfig;
    static String badConfigUnforeseen;
    static String unknownClass;
    static String unknownClassProblem;
    static String outputShapeUnknown;
    static String nestedTooDeep;
    static String modelInput;
    static String modelOutput;
    static String layerLabel;
    static String modelLabel;
    static String calledWithNoInput;
    static String nestedModelInputs;
    static String readsNeverComputed;
    static String readsMissingOutput;
    static String subclassedModel;
    static String noLayerList;
    static String duplicateLayer;
    static String entryNotObject;
    static String entryNoClassName;
    static String layerNoName;
    static String connectionFromNowhere;
    static String connectionFromMissingCall;
    static String inboundNotList;
    static String inboundNodeNeither;
    static String argumentsTooDeep;
    static String inboundTooDeep;
    static String layerBadReference;
    static String badReference;
    static String badInputOutputLayers;
    static String tupleSize;
    static String outOfRange;
    static String notInteger;
    static String requirementGot;
    static String takesOneInput;
    static String needsRank;
    static String needsInputs;
    static String axisOutOfRange;
    static String concatenateNeedsInputs;
    static String concatenateRanksDiffer;
    static String needsPositiveFilters;
    static String denseNeedsUnits;
    static String denseNeedsRank2;
    static String dotTakesTwoInputs;
    static String cannotMerge;
    static String flattenNeedsBatchAxis;
    static String flattenTooMany;
    static String paddingLeavesNothing;
    static String paddingAxes;
    static String paddingNotUnderstood;
    static String paddingNegative;
    static String expectedIntegerAmount;
    static String permuteMismatch;
    static String permuteNotPermutation;
    static String recurrentNeedsSequence;
    static String repeatVectorNeedsRank2;
    static String reshapeNoTarget;
    static String reshapeNotIntegers;
    static String reshapeTwoUnknown;
    static String reshapeBadDimension;
    static String cannotReshape;
    static String cannotReshapeCount;
    static String resizeNeedsImage;
    static String resizeNeedsSize;
    static String windowNotPositive;
    static String unknownPadding;
    static String windowDoesNotFit;
    static String transposedLength;
    static String upSamplingSize;
    static String noWrappedLayer;
    static String timeDistributedNeedsTime;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
