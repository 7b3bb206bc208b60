package org.convscope.engine.visualize;

import org.convscope.core.text.MessageBundles;

/** User-visible strings of this package ({@code messages.properties} beside this class). */
final class Messages {

    static String notClassScores;
    static String gradCamOneImage;
    static String classOutOfRange;
    static String gradCamNeeds4d;
    static String noLayer;
    static String unknownMethod;
    static String notOneImage;
    static String badOptions;
    static String learningRateNotFinite;
    static String unknownPreset;
    static String notOneImageInput;
    static String filterOutOfRange;
    static String taskPatterns;
    static String taskFilters;
    static String patternsNeed4d;
    static String patternsNeed4dOutput;
    static String borderTooLarge;
    static String unknownObjective;
    static String badDiversity;
    static String diversityNeedsLucid;
    static String classNeeds2d;
    static String directionLength;
    static String noDirections;
    static String directionOutOfRange;
    static String diversityNeeds4d;

    static {
        MessageBundles.load(Messages.class);
    }

    private Messages() {
    }
}
