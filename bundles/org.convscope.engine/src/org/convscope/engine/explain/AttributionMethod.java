package org.convscope.engine.explain;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;

/**
 * The attribution methods. {@code y_c} is the explained layer's unit c (the model's output for
 * class c), {@code A_k} channel k of a layer's output, "normalised" is
 * {@code (m − min)/(max − min + 1e-7)}. CAM methods ({@link #isCam()}) give a map at the layer's
 * resolution (several layers: each upsampled bilinearly to the input size, then averaged); the
 * others a map at the input's resolution, summed over its channels unless said. Inputs are in the
 * model's input space (after preprocessing), and so are the zeros that mask or occlude them.
 */
public enum AttributionMethod {

    /** Grad-CAM: w_k = spatial mean of ∂y_c/∂A_k; relu(Σ_k w_k A_k), normalised. */
    GRADCAM("gradcam", true),
    /**
     * Grad-CAM++, closed form: α = g²/(2g² + Σ_ab A_k·g³) (0 where the denominator is 0),
     * w_k = Σ_ij α·relu(g); relu(Σ_k w_k A_k), normalised.
     */
    GRADCAM_PLUS_PLUS("gradcam++", true),
    /** HiResCAM: relu(Σ_k ∂y_c/∂A_k ⊙ A_k), normalised. */
    HIRESCAM("hirescam", true),
    /** LayerCAM: relu(Σ_k relu(∂y_c/∂A_k) ⊙ A_k), normalised. */
    LAYERCAM("layercam", true),
    /** XGrad-CAM: w_k = Σ_ij (A_k ⊙ ∂y_c/∂A_k) / (Σ_ij A_k + 1e-7); relu(Σ_k w_k A_k), normalised. */
    XGRADCAM("xgradcam", true),
    /**
     * Eigen-CAM: v = the first principal component of the activations as an (H·W × K) matrix
     * centred per channel; the map is the activations projected on v, its sign chosen so that the
     * map's sum is positive, then relu, normalised. (The projection of the centred matrix sums to
     * zero, so the sign is chosen on the projection of the activations themselves, which is also
     * the map.)
     */
    EIGENCAM("eigencam", true),
    /**
     * Score-CAM: each channel upsampled bilinearly to the input size and scaled to [0, 1] by its
     * min and max is a mask M_k (a constant channel gets weight 0); w_k = y_c(x ⊙ M_k) − y_c(0);
     * relu(Σ_k w_k A_k), normalised. The masked inputs go through the network in batches.
     */
    SCORECAM("scorecam", true),
    /**
     * Ablation-CAM: w_k = (y_c(x) − y_c(x with A_k set to 0)) / (y_c(x) + 1e-7);
     * relu(Σ_k w_k A_k), normalised. The ablated activations run from the layer on, in batches.
     */
    ABLATIONCAM("ablationcam", true),
    /** Saliency: the maximum over input channels of |∂y_c/∂x|. */
    SALIENCY("saliency", false),
    /** Input × gradient: Σ over channels of x ⊙ ∂y_c/∂x. */
    INPUTXGRAD("inputxgrad", false),
    /**
     * Integrated Gradients: baseline x′ = 0, N steps (32 by default), midpoint rule
     * α_k = (k + ½)/N; (x − x′) ⊙ mean_k ∇y_c(x′ + α_k(x − x′)), summed over channels. The steps
     * go through the network in batches.
     */
    IG("ig", false),
    /**
     * SmoothGrad: a noise tunnel over {@link #SALIENCY}, {@link #INPUTXGRAD} or {@link #IG}, the
     * mean of that map over samples x + ε, ε ~ N(0, σ²) with σ = noise·(max(x) − min(x)) (0.15 and
     * 25 samples by default). Every image draws the same noise from the seed ({@link Noise}),
     * sample after sample, each in (H, W, C) order; the samples go through the network in batches.
     */
    SMOOTHGRAD("smoothgrad", false),
    /**
     * Guided backpropagation: ∂y_c/∂x with every ReLU passing the gradient back only where its
     * input and the gradient are both positive, summed over channels.
     */
    GUIDED_BACKPROP("guided-backprop", false),
    /** Guided Grad-CAM: {@link #GUIDED_BACKPROP} ⊙ the Grad-CAM map upsampled bilinearly to the input size. */
    GUIDED_GRADCAM("guided-gradcam", false),
    /**
     * Occlusion: a patch×patch square (32 by default) set to 0, at rows and columns 0, stride,
     * 2·stride, … (16 by default) while it lies wholly inside the image; each pixel gets the mean of
     * y_c(x) − y_c(x occluded) over the patches that cover it, 0 where none does. The occluded
     * images go through the network in batches.
     */
    OCCLUSION("occlusion", false);

    private final String id;
    private final boolean cam;

    AttributionMethod(String id, boolean cam) {
        this.id = id;
        this.cam = cam;
    }

    /** @return the name the command line and files use, e.g. {@code gradcam++}, {@code guided-backprop} */
    public String id() {
        return id;
    }

    /** @return whether the map is over a layer's output (at its resolution) rather than the input */
    public boolean isCam() {
        return cam;
    }

    /** @return whether the method needs a layer: the CAM methods and Guided Grad-CAM */
    public boolean needsLayer() {
        return cam || this == GUIDED_GRADCAM;
    }

    /**
     * @return the method called {@code name} (any case; {@code grad-cam} and the like accepted)
     * @throws AnalysisException for an unknown name, listing the known ones
     */
    public static AttributionMethod named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (AttributionMethod m : values()) {
            if (m.id.equals(n) || m.id.replace("-", "").equals(n.replace("-", "").replace("_", ""))) {
                return m;
            }
        }
        throw new AnalysisException(MessageBundles.bind(Messages.unknownMethod, name,
                Stream.of(values()).map(AttributionMethod::id).collect(Collectors.joining(", "))));
    }
}
