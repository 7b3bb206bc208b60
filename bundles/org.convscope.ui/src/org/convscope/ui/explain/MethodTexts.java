package org.convscope.ui.explain;

import org.convscope.engine.explain.AttributionMethod;

/** What each attribution method computes, in a few words for the method list. */
final class MethodTexts {

    private MethodTexts() {
    }

    /** @return the short description of {@code m} */
    static String describe(AttributionMethod m) {
        return switch (m) {
            case GRADCAM -> Messages.describeGradcam;
            case GRADCAM_PLUS_PLUS -> Messages.describeGradcamPlusPlus;
            case HIRESCAM -> Messages.describeHirescam;
            case LAYERCAM -> Messages.describeLayercam;
            case XGRADCAM -> Messages.describeXgradcam;
            case EIGENCAM -> Messages.describeEigencam;
            case SCORECAM -> Messages.describeScorecam;
            case ABLATIONCAM -> Messages.describeAblationcam;
            case SALIENCY -> Messages.describeSaliency;
            case INPUTXGRAD -> Messages.describeInputxgrad;
            case IG -> Messages.describeIg;
            case SMOOTHGRAD -> Messages.describeSmoothgrad;
            case GUIDED_BACKPROP -> Messages.describeGuidedBackprop;
            case GUIDED_GRADCAM -> Messages.describeGuidedGradcam;
            case OCCLUSION -> Messages.describeOcclusion;
        };
    }
}
