package org.convscope.engine.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.LayerNames;
import org.convscope.engine.Network;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatternOptions.ObjectiveKind;
import org.convscope.engine.visualize.FilterPatterns;

/**
 * Filter patterns as a person asks for them: a layer, which filters, a preset with its settings
 * overridden one by one; resolved against the model (its input channels, preprocessing and, when
 * fixed, size) and then against the engine (the layer's real output and filter count).
 */
public final class FilterAnalysis {

    /**
     * What is asked; every null means "as the preset or the model says".
     *
     * @param layer         the layer, as named
     * @param filters       the filters ({@link AnalysisOptions#filters}), or null for
     *                      {@link AnalysisOptions#DEFAULT_FILTERS}
     * @param preset        the preset's name
     * @param size          the image side
     * @param steps         gradient-ascent steps
     * @param learningRate  the step size
     * @param seed          the start images' seed
     * @param batch         filters per batch at most
     * @param preprocessing the person's preprocessing
     * @param objective     the objective's name ({@link FilterPatternOptions.ObjectiveKind}), null for channel
     * @param diversity     the diversity penalty's weight, null for none
     */
    public record Request(String layer, int[] filters, String preset, Integer size, Integer steps,
            Float learningRate, Long seed, Integer batch, Preprocessing preprocessing, String objective,
            Float diversity) {

        /** A request for the channel objective without diversity. */
        public Request(String layer, int[] filters, String preset, Integer size, Integer steps, Float learningRate,
                Long seed, Integer batch, Preprocessing preprocessing) {
            this(layer, filters, preset, size, steps, learningRate, seed, batch, preprocessing, null, null);
        }
    }

    /**
     * The request resolved against the model.
     *
     * @param layer         the layer, as named
     * @param node          the engine node computing it
     * @param channels      the model input's channels
     * @param preprocessing the model's preprocessing
     * @param options       the settings
     */
    public record Plan(String layer, String node, int channels, Preprocessing preprocessing,
            FilterPatternOptions options) {
    }

    /**
     * The filters to draw, checked against the engine.
     *
     * @param layer   the layer, as named
     * @param filters the filters the layer has, in the asked order
     * @param count   how many filters the layer has
     * @param asked   how many were asked
     */
    public record Selection(String layer, int[] filters, int count, int asked) {

        /**
         * @return the filters to draw
         * @throws AnalysisException when the layer has none of those asked
         */
        public int[] required() {
            if (filters.length == 0) {
                throw new AnalysisException(MessageBundles.bind(Messages.filtersOnly, layer, count - 1));
            }
            return filters;
        }
    }

    private FilterAnalysis() {
    }

    /**
     * @throws InputException                               naming the model when it takes no
     *                                                      image with known channels
     * @throws org.convscope.engine.NoSuchLayerException     for a layer the model lacks
     * @throws AnalysisException                            for a bad preset or setting
     */
    public static Plan plan(ModelGraph graph, Path modelFile, LayerNames names, Request r) {
        int channels = ModelInputs.channels(graph, modelFile);
        Preprocessing pre = ModelInputs.preprocessing(modelFile, graph.name(), r.preprocessing()).preprocessing();
        FilterPatternOptions o = options(graph, r);
        return new Plan(r.layer(), names.node(r.layer()), channels, pre, o);
    }

    /**
     * @return the preset's settings with the request's overrides; a model with a fixed square input
     *         runs at that size unless a size is asked
     */
    public static FilterPatternOptions options(ModelGraph graph, Request r) {
        FilterPatternOptions p = AnalysisOptions.preset(r.preset() == null
                ? AnalysisOptions.PRESETS.get(0)
                : r.preset());
        if (r.size() != null) {
            p = p.withSize(r.size());
        } else {
            Integer fixed = fixedSize(graph);
            if (fixed != null && fixed != p.size()) {
                p = p.withSize(fixed);
            }
        }
        if (r.steps() != null) {
            p = p.withSteps(r.steps());
        }
        if (r.learningRate() != null) {
            p = p.withLearningRate(r.learningRate());
        }
        if (r.seed() != null) {
            p = p.withSeed(r.seed());
        }
        if (r.batch() != null) {
            p = p.withBatchSize(r.batch());
        }
        if (r.objective() != null) {
            p = p.withObjective(ObjectiveKind.named(r.objective()));
        }
        if (r.diversity() != null) {
            p = p.withDiversity(r.diversity());
        }
        return p;
    }

    private static Integer fixedSize(ModelGraph graph) {
        List<TensorShape> shapes = graph.inputShapes();
        if (shapes.size() != 1 || shapes.get(0).rank() != 4) {
            return null;
        }
        Integer h = shapes.get(0).dim(1);
        return h != null && h.equals(shapes.get(0).dim(2)) ? h : null;
    }

    /**
     * Keeps the asked filters the layer has, by the engine's shapes (only the layers up to this one
     * are built and loaded: not a classifier after it).
     *
     * @return the asked filters the layer has (none, when {@link Selection#required()} refuses)
     * @throws AnalysisException when the layer cannot run or has no 4-D output
     */
    public static Selection select(Network network, Plan plan, int[] asked) {
        return select(network, plan, asked, null);
    }

    /**
     * {@link #select(Network, Plan, int[])} for every objective: for the class objective the
     * "filters" are units of a 2-D output, for the direction objective indices into
     * {@code directions}.
     *
     * @param asked      the filters asked, or {@link #ALL} for all the layer has
     * @param directions the direction objective's vectors, else null
     */
    public static Selection select(Network network, Plan plan, int[] asked, float[][] directions) {
        ObjectiveKind kind = plan.options().objective();
        int count = kind == ObjectiveKind.DIRECTION && directions != null
                ? directions.length
                : count(network, plan, kind);
        int[] filters = asked == ALL
                ? IntStream.range(0, count).toArray()
                : asked != null ? asked : AnalysisOptions.filters(AnalysisOptions.DEFAULT_FILTERS);
        return new Selection(plan.layer(), Arrays.stream(filters).filter(f -> f < count).toArray(), count,
                filters.length);
    }

    /** Asks {@link #select} for every filter of the layer. */
    public static final int[] ALL = new int[0];

    private static int count(Network network, Plan plan, ObjectiveKind kind) {
        int size = plan.options().size();
        List<int[]> input = List.of(new int[] { 1, size, size, plan.channels() });
        int[] s = network.outputShapes(input, plan.node()).get(plan.node());
        if (s == null) {
            LayerFailure f = network.check(input).get(plan.node());
            throw new AnalysisException(MessageBundles.bind(Messages.layerCannotRun, plan.layer(),
                    f == null ? Messages.engineCannotBuild : f.message()));
        }
        if (kind == ObjectiveKind.CLASS) {
            if (s.length != 2) {
                throw new AnalysisException(MessageBundles.bind(Messages.layerNot2d, plan.layer(), s.length));
            }
            return s[1];
        }
        if (s.length != 4) {
            throw new AnalysisException(MessageBundles.bind(Messages.layerNot4d, plan.layer(), s.length,
                    String.join(", ", spatialLayers(network, plan, input))));
        }
        return s[3];
    }

    /**
     * A direction objective's vectors from a {@code .npy} file: one vector (C) or several (K, C),
     * over the layer's channels.
     *
     * @throws IOException       when the file cannot be read
     * @throws AnalysisException naming the file when it holds another shape
     */
    public static float[][] directions(Path npy) throws IOException {
        Tensor t = Npy.read(npy);
        if (t.rank() != 1 && t.rank() != 2) {
            throw new AnalysisException(MessageBundles.bind(Messages.directionShape, npy, Arrays.toString(t.shape())));
        }
        int k = t.rank() == 1 ? 1 : t.dim(0);
        int c = t.dim(t.rank() - 1);
        float[][] out = new float[k][];
        for (int i = 0; i < k; i++) {
            out[i] = Arrays.copyOfRange(t.data(), i * c, (i + 1) * c);
        }
        return out;
    }

    /**
     * The direction from one image's activation at the layer to another's: the difference of their
     * means over positions, per channel ({@code to − from}).
     *
     * @throws IOException naming an image that cannot be read
     */
    public static float[][] directions(ModelGraph graph, Path modelFile, Network network, Plan plan, Path from,
            Path to) throws IOException {
        float[] a = meanActivation(graph, modelFile, network, plan, from);
        float[] b = meanActivation(graph, modelFile, network, plan, to);
        float[] d = new float[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = b[i] - a[i];
        }
        return new float[][] { d };
    }

    /**
     * The direction objective's vectors as a person names them, on the command line or in the
     * Filters view: {@code from.png,to.png} (from one image's activation to another's) or a
     * {@code .npy} file.
     *
     * @param spec the text, or null for none
     * @return the vectors, or null when {@code spec} is null or blank
     * @throws IOException naming a file that cannot be read
     */
    public static float[][] directions(ModelGraph graph, Path modelFile, Network network, Plan plan, String spec)
            throws IOException {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        String[] parts = spec.split(",");
        if (parts.length == 2) {
            return directions(graph, modelFile, network, plan, Path.of(parts[0].trim()), Path.of(parts[1].trim()));
        }
        return directions(Path.of(spec.trim()));
    }

    private static float[] meanActivation(ModelGraph graph, Path modelFile, Network network, Plan plan, Path image)
            throws IOException {
        Tensor x = ModelInputs.load(graph, modelFile, List.of(image), plan.preprocessing(), null).tensor();
        Tensor out = network.forward(x, List.of(plan.node())).output(plan.node());
        if (out.rank() != 4) {
            throw new AnalysisException(MessageBundles.bind(Messages.layerNot4d, plan.layer(), out.rank(), ""));
        }
        int c = out.dim(3);
        float[] m = new float[c];
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            m[i % c] += o[i];
        }
        int positions = o.length / c;
        for (int i = 0; i < c; i++) {
            m[i] /= positions;
        }
        return m;
    }

    /**
     * @return a few layers with 4-D outputs to name instead: the closest names, or when none is close,
     *         the last ones (the deepest features)
     */
    private static List<String> spatialLayers(Network network, Plan plan, List<int[]> input) {
        List<String> all = new ArrayList<>();
        network.outputShapes(input).forEach((l, s) -> {
            if (s.length == 4 && !network.inputNames().contains(l)) {
                all.add(l);
            }
        });
        List<String> close = LayerNames.closest(plan.layer(), all, LayerNames.MAX_SUGGESTIONS);
        return close.isEmpty() ? all.subList(Math.max(0, all.size() - LayerNames.MAX_SUGGESTIONS), all.size()) : close;
    }

    /** @return the patterns' engine for the plan's model: one per network, so that its cache lasts as long */
    public static FilterPatterns patterns(Network network, Plan plan) {
        return new FilterPatterns(network, plan.channels(), plan.preprocessing());
    }
}
