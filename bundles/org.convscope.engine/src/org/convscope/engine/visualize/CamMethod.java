package org.convscope.engine.visualize;

import java.util.Locale;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;

/** How the class activation map weighs the layer's channels. */
public enum CamMethod {

    /**
     * Grad-CAM (Selvaraju et al. 2017): channel weight = spatial mean of the score's gradient;
     * map = ReLU(Σ_k w_k A^k).
     */
    GRADCAM,
    /**
     * Grad-CAM++ (Chattopadhyay et al. 2018), closed form with the exponential-score
     * approximation: α_ij^k = g² / (2g² + (Σ_ab A_ab^k)·g³) (0 where the denominator is 0),
     * w_k = Σ_ij α_ij^k·ReLU(g_ij^k); map = ReLU(Σ_k w_k A^k).
     */
    GRADCAM_PLUS_PLUS;

    /** @return the method named {@code gradcam} or {@code gradcam++} (any case) */
    public static CamMethod named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gradcam", "grad-cam" -> GRADCAM;
            case "gradcam++", "grad-cam++", "gradcampp" -> GRADCAM_PLUS_PLUS;
            default -> throw new AnalysisException(MessageBundles.bind(Messages.unknownMethod, name));
        };
    }
}
