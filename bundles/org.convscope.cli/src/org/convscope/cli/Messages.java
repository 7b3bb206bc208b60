package org.convscope.cli;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String helpTitle;
    static String helpUsage;
    static String helpCommands;
    static String helpSynopsis;
    static String helpOptions;
    static String version;
    static String versionDevelopment;
    static String versionEngine;
    static String unknownCommand;
    static String usage;
    static String commandProblem;
    static String fileProblem;
    static String internalError;
    static String outOfMemory;
    static String commandWarning;
    static String debugHint;
    static String noSuchFile;
    static String permissionDenied;
    static String sampleNotFound;
    static String unknownOption;
    static String needsValue;
    static String modelMissing;
    static String oneModelOnly;
    static String takesPositive;
    static String takesAtLeast;
    static String takesNumber;
    static String summarySynopsis;
    static String summaryDescription;
    static String weightsNeedsFile;
    static String activationsSynopsis;
    static String activationsDescription;
    static String activationsHeaderOne;
    static String activationsHeaderMany;
    static String forwardTime;
    static String engineWithFeatures;
    static String npyInput;
    static String inputsResized;
    static String columnLayer;
    static String columnShape;
    static String columnMean;
    static String columnMax;
    static String columnZeros;
    static String columnDeadChannels;
    static String deadChannels;
    static String writtenTo;
    static String folderNotOurs;
    static String notAFolder;
    static String marker;
    static String scaleValues;
    static String filtersSynopsis;
    static String filtersDescription;
    static String filtersHeader;
    static String patternsDone;
    static String noDeadFilters;
    static String deadFilters;
    static String wrote;
    static String drawingFilters;
    static String layerMissing;
    static String directionMissing;
    static String gradcamSynopsis;
    static String gradcamDescription;
    static String gradcamHeader;
    static String gradcamHeaderNpy;
    static String top5;
    static String methodGradCam;
    static String methodGradCamPlusPlus;
    static String gradcamResult;
    static String gradcamResultLabelled;
    static String wroteMap;
    static String modelAndImageNeeded;
    static String oneImageOnly;
    static String compareSynopsis;
    static String compareDescription;
    static String compareHeader;
    static String columnRank;
    static String columnChannel;
    static String columnMeanA;
    static String columnMeanB;
    static String columnMeanAbsDiff;
    static String columnScore;
    static String wroteDifference;
    static String twoImagesNeeded;
    static String compareLayerMissing;
    static String wouldOverwriteInput;
    static String explainSynopsis;
    static String explainDescription;
    static String explainHeader;
    static String explainImage;
    static String explainTime;
    static String explainMetricsLegend;
    static String explainSanityLegend;
    static String explainNotImages;
    static String wroteExplainMaps;
    static String explainConstantMap;
    static String explainGridClass;
    static String diffSynopsis;
    static String diffDescription;
    static String diffModel;
    static String diffCounts;
    static String diffChanged;
    static String diffOnlyA;
    static String diffOnlyB;
    static String diffWeights;
    static String diffColumnWeight;
    static String diffColumnMaxAbs;
    static String diffColumnRel;
    static String diffColumnCosine;
    static String diffNoInputs;
    static String diffActivations;
    static String diffOutputs;
    static String diffFirstDivergence;
    static String diffNoDivergence;
    static String diffModelsMissing;
    static String diffThresholdValues;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
