package org.convscope.engine.analysis;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String notOneImageModel;
    static String inputDoesNotFit;
    static String gradcamOneImage;
    static String filtersInput;
    static String noOutput;
    static String notComputed;
    static String noLayerToExplain;
    static String layerCannotRun;
    static String engineCannotBuild;
    static String layerNot4d;
    static String layerNot2d;
    static String directionShape;
    static String filtersOnly;
    static String filtersFormat;
    static String classValues;
    static String alphaValues;
    static String labelsCount;
    static String compareNeedsTwo;
    static String shapesDiffer;
    static String noChannels;
    static String diffTask;
    static String diffOneInput;
    static String diffInputShapes;
    static String diffNotRun;
    static String diffShapes;
    static String diffNoScores;
    static String diffScoreShapes;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
