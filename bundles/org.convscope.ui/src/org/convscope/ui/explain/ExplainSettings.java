package org.convscope.ui.explain;

import java.nio.file.Path;
import java.util.List;

import org.convscope.core.image.Preprocessing;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainOptions;

/**
 * What the Explain view asks: images, methods, layers, class, options.
 *
 * @param files         the image files (or {@code .npy} tensors of one image), in the grid's row order
 * @param preprocessing how an image file becomes the model's input
 * @param methods       the methods, in the grid's column order
 * @param layers        the CAM layers by id (several are averaged); empty for the default, the last
 *                      spatial layer
 * @param classIndex    the class to explain, or −1 for each image's top prediction
 * @param metrics       whether to compute the trust measures
 * @param sanity        whether to run the model-randomisation check
 * @param options       the methods' parameters
 */
public record ExplainSettings(List<Path> files, Preprocessing preprocessing, List<AttributionMethod> methods,
        List<String> layers, int classIndex, boolean metrics, boolean sanity, ExplainOptions options) {

    public ExplainSettings {
        files = List.copyOf(files);
        methods = List.copyOf(methods);
        layers = List.copyOf(layers);
    }
}
