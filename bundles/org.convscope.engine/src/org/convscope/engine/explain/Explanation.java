package org.convscope.engine.explain;

import java.util.List;

/**
 * The answer to an {@link ExplainRequest}.
 *
 * @param layers     the layers the CAM methods used
 * @param scoreLayer the layer whose unit was explained
 * @param inputHeight the images' height, the resolution of the pixel maps
 * @param inputWidth the images' width
 * @param images     one explanation per image, in the batch's order
 */
public record Explanation(List<String> layers, String scoreLayer, int inputHeight, int inputWidth,
        List<ImageExplanation> images) {

    public Explanation {
        layers = List.copyOf(layers);
        images = List.copyOf(images);
    }
}
