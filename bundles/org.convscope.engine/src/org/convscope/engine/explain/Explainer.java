package org.convscope.engine.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.visualize.Prediction;

/**
 * The one entry point of attribution: a model, a batch of images, methods, layers and a class
 * choice in; per image per method a map, the model's top 5, and when asked the trust measures and
 * the randomisation check out. For the command line's {@code explain} and the Explain view alike.
 *
 * <pre>
 * Explanation e = new Explainer(network, spec).explain(new ExplainRequest(images,
 *         List.of(AttributionMethod.GRADCAM, AttributionMethod.IG), List.of("block5_conv3"), "predictions",
 *         -1, true, false, ExplainOptions.DEFAULTS, labels), monitor);
 * </pre>
 */
public final class Explainer {

    /** How many of the last weighted layers the sanity check randomises, one more each step. */
    public static final int SANITY_STEPS = 3;
    private static final int TOP = 5;

    private final Network network;
    private final NetworkSpec spec;
    /** Score layer → the weighted layers the sanity check randomises: found once, reading weights. */
    private final Map<String, List<String>> weightedLayers = new HashMap<>();

    /** @param network the model, with one image input; the sanity check is not available */
    public Explainer(Network network) {
        this(network, null);
    }

    /**
     * @param network the model, with one image input
     * @param spec    what {@code network} was opened from, for the sanity check's randomised copies
     *                (or {@code null})
     */
    public Explainer(Network network, NetworkSpec spec) {
        this.network = network;
        this.spec = spec;
    }

    /**
     * @param monitor progress and cancellation; cancelling throws
     *                {@link org.convscope.core.progress.CancelledException}
     * @throws AnalysisException when the request does not fit the model (not one image input, a
     *                           score layer without class scores, a class out of range, a layer
     *                           without a 4-D output, no layer for a method that needs one)
     */
    public Explanation explain(ExplainRequest request, ProgressMonitor monitor) {
        Tensor images = request.images();
        if (network.inputNames().size() != 1) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.oneInput, network.name(), network.inputNames().size()));
        }
        if (images.rank() != 4 || images.dim(0) < 1) {
            throw new AnalysisException(MessageBundles.bind(Messages.notImages, Arrays.toString(images.shape())));
        }
        if (request.methods().isEmpty()) {
            throw new AnalysisException(Messages.noMethod);
        }
        for (AttributionMethod m : request.methods()) {
            if (m.needsLayer() && request.layers().isEmpty()) {
                throw new AnalysisException(MessageBundles.bind(Messages.needsLayer, m.id()));
            }
        }
        int n = images.dim(0);
        int h = images.dim(1);
        int w = images.dim(2);
        int c = images.dim(3);
        List<AttributionMethod> methods = request.methods();
        int steps = methods.size() * n;
        monitor.begin(MessageBundles.bind(Messages.taskExplain, network.name()),
                steps * (1 + (request.metrics() ? 1 : 0) + (request.sanity() ? SANITY_STEPS : 0)));
        try {
            // the CAM layers in the same pass: their gradients then start from cached activations
            List<String> first = new ArrayList<>(List.of(request.scoreLayer()));
            if (methods.stream().anyMatch(AttributionMethod::needsLayer)) {
                first.addAll(request.layers());
            }
            Tensor scores = network.forward(images, first).output(request.scoreLayer());
            if (scores == null || scores.rank() != 2) {
                throw new AnalysisException(MessageBundles.bind(Messages.notClassScores, request.scoreLayer(),
                        scores == null ? "?" : Arrays.toString(scores.shape())));
            }
            int classes = scores.dim(1);
            if (request.classIndex() >= classes) {
                throw new AnalysisException(
                        MessageBundles.bind(Messages.classOutOfRange, request.scoreLayer(), classes,
                                request.classIndex()));
            }
            int[] targets = new int[n];
            List<List<Prediction>> top = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                top.add(top(Arrays.copyOfRange(scores.data(), i * classes, (i + 1) * classes), request.labels()));
                targets[i] = request.classIndex() < 0 ? top.get(i).get(0).index() : request.classIndex();
            }
            float[] data = images.data();
            Attributions attributions = new Attributions(network, request.scoreLayer(), classes, h, w, c,
                    request.options(), monitor);
            Map<AttributionMethod, Attribution[]> maps = new LinkedHashMap<>();
            for (AttributionMethod m : methods) {
                monitor.subTask(m.id());
                maps.put(m, attributions.compute(m, data, n, targets, request.layers()));
                monitor.worked(n);
            }
            Map<AttributionMethod, TrustMetrics[]> metrics = new LinkedHashMap<>();
            if (request.metrics()) {
                for (AttributionMethod m : methods) {
                    monitor.subTask(MessageBundles.bind(Messages.taskMetrics, m.id()));
                    TrustMetrics[] perImage = new TrustMetrics[n];
                    for (int i = 0; i < n; i++) {
                        perImage[i] = TrustMeasures.compute(Maps.item(data, i, h * w * c), h, w, c,
                                maps.get(m)[i].resized(h, w), targets[i], attributions);
                    }
                    metrics.put(m, perImage);
                    monitor.worked(n);
                }
            }
            Map<AttributionMethod, SanityCheck[]> sanity = request.sanity()
                    ? sanity(request, data, n, h, w, c, classes, targets, maps, monitor)
                    : Map.of();
            List<ImageExplanation> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Map<AttributionMethod, Attribution> mi = new LinkedHashMap<>();
                Map<AttributionMethod, TrustMetrics> ti = new LinkedHashMap<>();
                Map<AttributionMethod, SanityCheck> si = new LinkedHashMap<>();
                for (AttributionMethod m : methods) {
                    mi.put(m, maps.get(m)[i]);
                    if (metrics.containsKey(m)) {
                        ti.put(m, metrics.get(m)[i]);
                    }
                    if (sanity.containsKey(m)) {
                        si.put(m, sanity.get(m)[i]);
                    }
                }
                out.add(new ImageExplanation(i, targets[i], scores.data()[i * classes + targets[i]], top.get(i), mi, ti,
                        si));
            }
            return new Explanation(request.layers(), request.scoreLayer(), h, w, out);
        } finally {
            // the buffers the methods' steps reused stay for the next explanation of the same
            // shapes; the network frees them by itself a few seconds after its last call
            monitor.done();
        }
    }

    private Map<AttributionMethod, SanityCheck[]> sanity(ExplainRequest request, float[] data, int n, int h, int w,
            int c, int classes, int[] targets, Map<AttributionMethod, Attribution[]> original,
            ProgressMonitor monitor) {
        if (spec == null) {
            throw new AnalysisException(Messages.sanityNeedsSpec);
        }
        List<String> weighted = weightedLayers.computeIfAbsent(request.scoreLayer(),
                l -> Randomization.lastWeightedLayers(spec, l, SANITY_STEPS));
        if (weighted.isEmpty()) {
            throw new AnalysisException(MessageBundles.bind(Messages.noWeightedLayer, network.name()));
        }
        List<AttributionMethod> methods = request.methods();
        long seed = request.options().seed();
        float[][][] rho = new float[methods.size()][n][weighted.size()];
        Function<Network, Attribution[][]> maps = net -> {
            Attributions a = new Attributions(net, request.scoreLayer(), classes, h, w, c, request.options(), monitor);
            Attribution[][] out = new Attribution[methods.size()][];
            for (int j = 0; j < methods.size(); j++) {
                out[j] = a.compute(methods.get(j), data, n, targets, request.layers());
                monitor.worked(n * SANITY_STEPS / weighted.size());
            }
            return out;
        };
        List<Attribution[][]> after = new ArrayList<>();
        // in place in this network, whose graphs and buffers are made already, one layer more at
        // each depth and each put back once (a copy of the model per depth where it cannot)
        if (!randomizedInPlace(weighted, 1, seed, maps, after, monitor)) {
            after.clear();
            for (int d = 1; d <= weighted.size(); d++) {
                monitor.subTask(MessageBundles.bind(Messages.taskSanity, d));
                try (Network copy = Engine.open(Randomization.randomize(spec, weighted, d, seed))) {
                    after.add(maps.apply(copy));
                }
            }
        }
        for (int d = 1; d <= weighted.size(); d++) {
            for (int j = 0; j < methods.size(); j++) {
                for (int i = 0; i < n; i++) {
                    rho[j][i][d - 1] = (float) Spearman.correlation(original.get(methods.get(j))[i].values(),
                            after.get(d - 1)[j][i].values());
                }
            }
        }
        Map<AttributionMethod, SanityCheck[]> out = new LinkedHashMap<>();
        for (int j = 0; j < methods.size(); j++) {
            SanityCheck[] perImage = new SanityCheck[n];
            for (int i = 0; i < n; i++) {
                perImage[i] = new SanityCheck(weighted, rho[j][i]);
            }
            out.put(methods.get(j), perImage);
        }
        return out;
    }

    /**
     * Randomises {@code weighted}'s layer {@code depth - 1} in this network, in place, on top of
     * the layers before it, adds the maps computed so to {@code after}, and goes one deeper, before
     * the layer is put back.
     *
     * @return false when the network cannot replace some layer's weights in place (the weights
     *         are back as they were; what was added to {@code after} is then the caller's to drop)
     */
    private boolean randomizedInPlace(List<String> weighted, int depth, long seed,
            Function<Network, Attribution[][]> maps, List<Attribution[][]> after, ProgressMonitor monitor) {
        if (depth > weighted.size()) {
            return true;
        }
        monitor.subTask(MessageBundles.bind(Messages.taskSanity, depth));
        String layer = weighted.get(depth - 1);
        // the weights this network holds, randomised as Randomization.randomize does
        long layerSeed = Randomization.layerSeed(seed, depth - 1);
        return network.withWeights(Map.of(layer, w -> Randomization.random(w, layerSeed)), () -> {
            after.add(maps.apply(network));
            return randomizedInPlace(weighted, depth + 1, seed, maps, after, monitor);
        }).orElse(false);
    }

    private static List<Prediction> top(float[] s, List<String> labels) {
        return IntStream.range(0, s.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -s[i]).thenComparingInt(i -> i)).limit(TOP)
                .map(i -> new Prediction(i, s[i], labels != null && i < labels.size() ? labels.get(i) : null))
                .toList();
    }
}
