package org.convscope.engine.explain;

import java.util.List;
import java.util.Objects;

import org.convscope.core.tensor.Tensor;

/**
 * What to explain.
 *
 * @param images     the images, (N, H, W, C), preprocessed: the model's input as it takes it
 * @param methods    the methods, in the order the result keeps
 * @param layers     the layers of the CAM methods and Guided Grad-CAM (several: maps upsampled to
 *                   the input size and averaged); may be empty when no method needs one
 * @param scoreLayer the layer whose unit is explained, (N, classes): usually the model's output
 * @param classIndex the unit to explain, or −1 for each image's top prediction
 * @param metrics    whether to compute the trust measures ({@link TrustMetrics})
 * @param sanity     whether to run the model-randomisation check ({@link SanityCheck})
 * @param options    the methods' parameters; {@code null} for {@link ExplainOptions#DEFAULTS}
 * @param labels     class names for the predictions, or {@code null}
 */
public record ExplainRequest(Tensor images, List<AttributionMethod> methods, List<String> layers, String scoreLayer,
        int classIndex, boolean metrics, boolean sanity, ExplainOptions options, List<String> labels) {

    public ExplainRequest {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(scoreLayer, "scoreLayer");
        methods = List.copyOf(methods);
        layers = List.copyOf(layers);
        options = options == null ? ExplainOptions.DEFAULTS : options;
        labels = labels == null ? null : List.copyOf(labels);
    }
}
