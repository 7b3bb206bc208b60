package org.convscope.engine.analysis;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.convscope.core.image.ImageInputs;
import org.convscope.core.image.ImageLoadException;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Interpolation;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.json.Json;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.npy.Npy;
import org.convscope.core.npy.NpyFormatException;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.visualize.Pictures;

/**
 * What a model takes as input and how a file becomes it, for every analysis and both front ends:
 * the preprocessing (the person's choice, else the side file beside the model, else the model's
 * family, else rescale), the image size (a side the model leaves free is {@link #ANY}), and the
 * one test of "is this a {@code .npy} array" (its content, {@link Npy#isNpy}).
 */
public final class ModelInputs {

    /** A side of the input that the model leaves free: the image keeps its own. */
    public static final int ANY = 0;

    /**
     * Images and arrays loaded for a run.
     *
     * @param tensor the batch, NHWC for images
     * @param spec   how the images were loaded, or null for an array taken as it is
     */
    public record Loaded(Tensor tensor, InputSpec spec) {
    }

    /**
     * One image loaded for an analysis that explains it (Grad-CAM).
     *
     * @param tensor  the input, (1, H, W, C)
     * @param picture the input at its own resolution, to draw on (an array stretched to 0–255)
     * @param spec    how it was loaded, or null for an array taken as it is
     */
    public record LoadedImage(Tensor tensor, RgbImage picture, InputSpec spec) {
    }

    private ModelInputs() {
    }

    /**
     * The one rule for a model's preprocessing.
     *
     * @param modelFile the model file, beside which a side file may say it
     * @param modelName the model's name inside the file
     * @param chosen    the person's choice, or null for none
     */
    public static PreprocessingChoice preprocessing(Path modelFile, String modelName, Preprocessing chosen) {
        if (chosen != null) {
            return new PreprocessingChoice(chosen, PreprocessingChoice.Source.CHOSEN);
        }
        Optional<Preprocessing> side = sideFile(modelFile);
        if (side.isPresent()) {
            return new PreprocessingChoice(side.get(), PreprocessingChoice.Source.SIDE_FILE);
        }
        return Preprocessing.forModelName(modelName)
                .map(p -> new PreprocessingChoice(p, PreprocessingChoice.Source.FAMILY))
                .orElse(new PreprocessingChoice(Preprocessing.RESCALE, PreprocessingChoice.Source.FALLBACK));
    }

    /**
     * @return the preprocessing named by the side file {@code <stem>.json} beside {@code modelFile}
     *         (Convscope's samples carry one), when it has a top-level {@code "preprocessing"} key
     *         naming a mode; an architecture JSON beside weights has none
     */
    static Optional<Preprocessing> sideFile(Path modelFile) {
        Path name = modelFile.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toString();
        int dot = n.lastIndexOf('.');
        Path side = modelFile.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ".json");
        if (side.equals(modelFile) || !Files.isRegularFile(side)) {
            return Optional.empty();
        }
        try (Reader r = Files.newBufferedReader(side, StandardCharsets.UTF_8)) {
            if (Json.parse(r) instanceof Map<?, ?> m && m.get("preprocessing") instanceof String p) {
                return Preprocessing.find(p);
            }
        } catch (IOException e) {
            // a side file that cannot be read is no reason to refuse the model: the other rules apply
        }
        return Optional.empty();
    }

    /**
     * @return the shape (1, H, W, C) of the model's one image input; a side it leaves free is
     *         {@link #ANY}
     * @throws InputException naming the model when it does not take one image
     */
    public static int[] imageShape(ModelGraph graph) {
        TensorShape input = graph.imageInput()
                .orElseThrow(() -> new InputException(notAnImageModel(graph).orElseThrow()));
        int[] shape = new int[4];
        shape[0] = 1;
        for (int i = 1; i < 4; i++) {
            Integer d = input.dims().get(i);
            shape[i] = d == null ? ANY : d;
        }
        return shape;
    }

    /**
     * @return why an image cannot be this model's input (it has no single input shaped batch,
     *         height, width, channels), naming the model; empty when one can
     */
    public static Optional<String> notAnImageModel(ModelGraph graph) {
        return graph.imageInput().isPresent()
                ? Optional.empty()
                : Optional.of(MessageBundles.bind(Messages.notOneImageModel, graph.name(), graph.inputShapes()));
    }

    /**
     * @param chosen        the person's preprocessing, or null for {@link #preprocessing the rule's}
     * @param interpolation the person's resampling, or null for Keras's nearest
     * @return how an image file becomes this model's input
     * @throws InputException naming the model when it does not take one image
     */
    public static InputSpec spec(ModelGraph graph, Path modelFile, Preprocessing chosen,
            Interpolation interpolation) {
        InputSpec spec = InputSpec.forModel(imageShape(graph), graph.name(), Preprocessing.RESCALE)
                .withPreprocessing(preprocessing(modelFile, graph.name(), chosen).preprocessing());
        return interpolation == null ? spec : spec.withInterpolation(interpolation);
    }

    /**
     * @return whether {@code file} is a {@code .npy} array, by its content; false for a file that
     *         is not there (the image loader names it)
     */
    public static boolean isArray(Path file) throws IOException {
        return Files.isRegularFile(file) && Npy.isNpy(file);
    }

    /**
     * Loads the inputs of a forward pass. One array is taken as it is (already preprocessed); images
     * (and arrays among them) are stacked into one batch as {@link #spec} says.
     *
     * @throws IOException    naming the file that cannot be read or does not fit
     * @throws InputException naming the model when images are given to a model that takes none
     */
    public static Loaded load(ModelGraph graph, Path modelFile, List<Path> files, Preprocessing chosen,
            Interpolation interpolation) throws IOException {
        if (files.size() == 1 && isArray(files.get(0))) {
            return new Loaded(array(graph, files.get(0)), null);
        }
        InputSpec spec = spec(graph, modelFile, chosen, interpolation);
        return new Loaded(ImageInputs.batch(files, spec), spec);
    }

    /**
     * Loads one image to explain, with the picture the explanation is drawn on.
     *
     * @throws IOException    naming the file when it cannot be read or does not fit
     * @throws InputException naming the file when an array holds other than one image
     */
    public static LoadedImage loadImage(ModelGraph graph, Path modelFile, Path file, Preprocessing chosen,
            Interpolation interpolation) throws IOException {
        if (isArray(file)) {
            Tensor x = array(graph, file);
            if (x.rank() != 4 || x.dim(0) != 1) {
                throw new InputException(
                        MessageBundles.bind(Messages.gradcamOneImage, file, Arrays.toString(x.shape())));
            }
            return new LoadedImage(x, Pictures.ofTensor(x), null);
        }
        InputSpec spec = spec(graph, modelFile, chosen, interpolation);
        return new LoadedImage(ImageInputs.load(file, spec).toTensor(), ImageInputs.decode(file).toRgbImage(), spec);
    }

    /**
     * An array, taken as it is: an (H, W, C) one gets its batch axis when the model takes images,
     * and for such a model it must fit the input (images are resized, arrays are not; one of another
     * shape would only fail in every layer).
     */
    private static Tensor array(ModelGraph graph, Path file) throws IOException {
        Tensor t;
        try {
            t = Npy.read(file);
        } catch (NpyFormatException e) {
            throw new ImageLoadException(file, e.problem(), e);
        }
        Optional<TensorShape> image = graph.imageInput();
        if (image.isEmpty()) {
            return t;
        }
        if (t.rank() == 3) {
            t = new Tensor(t.data(), new int[] { 1, t.dim(0), t.dim(1), t.dim(2) });
        }
        List<Integer> want = image.get().dims();
        boolean fits = t.rank() == 4;
        for (int i = 1; fits && i < 4; i++) {
            fits = want.get(i) == null || want.get(i).intValue() == t.dim(i);
        }
        if (!fits) {
            throw new ImageLoadException(file, MessageBundles.bind(Messages.inputDoesNotFit,
                    item(Arrays.stream(t.shape()).boxed().toList()), item(want)));
        }
        return t;
    }

    /** @return the shape of one batch item, as Python prints a tuple: (28, 28, 1) */
    private static String item(List<Integer> dims) {
        return dims.subList(Math.min(1, dims.size()), dims.size()).stream()
                .map(d -> d == null ? "None" : d.toString()).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * @return the channel count of the model's image input (known, 1 or more)
     * @throws InputException naming the model file when it takes no image with known channels
     */
    public static int channels(ModelGraph graph, Path modelFile) {
        List<TensorShape> shapes = graph.inputShapes();
        if (shapes.size() != 1 || shapes.get(0).rank() != 4 || shapes.get(0).dim(3) == null) {
            throw new InputException(MessageBundles.bind(Messages.filtersInput, modelFile.getFileName(), shapes));
        }
        return shapes.get(0).dim(3);
    }
}
