package org.convscope.cli;

import java.io.IOException;

import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Interpolation;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** How a model with one image input takes an image file, with the user's flags over the guess. */
final class ImageSpecs {

    private ImageSpecs() {
    }

    /**
     * @param preprocessing the user's {@code --preprocess}, or null for the model family's (else rescale)
     * @param interpolation the user's {@code --interpolation}, or null for Keras's nearest
     * @throws IOException when the model does not take one (N, H, W, C) image
     */
    static InputSpec forModel(ModelGraph graph, Preprocessing preprocessing, Interpolation interpolation)
            throws IOException {
        TensorShape input = graph.imageInput().orElseThrow(
                () -> new IOException(
                        MessageBundles.bind(Messages.notOneImageModel, graph.name(), graph.inputShapes())));
        int[] shape = input.dims().stream().mapToInt(d -> d == null ? 0 : d).toArray();
        InputSpec spec = InputSpec.forModel(shape, graph.name(), Preprocessing.RESCALE);
        if (preprocessing != null) {
            spec = spec.withPreprocessing(preprocessing);
        }
        if (interpolation != null) {
            spec = spec.withInterpolation(interpolation);
        }
        return spec;
    }
}
