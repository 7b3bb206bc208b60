package org.convscope.engine.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.diff.Difference;
import org.convscope.core.diff.LayerMatch;
import org.convscope.core.diff.StructureDiff;
import org.convscope.core.diff.WeightDifference;
import org.convscope.core.model.ExecutionGraph;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.Network;

/**
 * Two models compared: their structure and weights ({@link StructureDiff}) and, given inputs, what
 * running both on them shows (each model loads the inputs with its own preprocessing,
 * {@link ModelInputs#load}): per matched layer how far B's output is from A's, the first layer
 * along A's graph where the relative difference passes a threshold (where to look), and how far
 * the final outputs agree. The {@code diff} command prints it; a compare-models editor can show it.
 */
public final class ModelDiff {

    /** The relative difference above which a layer has diverged, unless the person says otherwise. */
    public static final double DEFAULT_THRESHOLD = 1e-3;

    /**
     * Values of activations held per model at a time: the layers are run in groups that fit, so two
     * large models' activations are never all held at once.
     */
    private static final long VALUES_PER_GROUP = 32L << 20;

    private final StructureDiff structure;
    private final double threshold;
    private final int inputs;
    private final List<LayerDivergence> activations;
    private final String skipped;
    private final List<String> notCompared;
    private final OutputAgreement outputs;

    private ModelDiff(StructureDiff structure, double threshold, int inputs, List<LayerDivergence> activations,
            String skipped, List<String> notCompared, OutputAgreement outputs) {
        this.structure = structure;
        this.threshold = threshold;
        this.inputs = inputs;
        this.activations = activations == null ? null : List.copyOf(activations);
        this.skipped = skipped;
        this.notCompared = List.copyOf(notCompared);
        this.outputs = outputs;
    }

    /**
     * Compares two open models: structure and weights always; with inputs, the activations too,
     * unless the models take inputs of different shapes ({@link #skipped()} says so).
     *
     * @param fileA     the first model's file, for its preprocessing side file
     * @param fileB     the second's
     * @param files     images or {@code .npy} arrays; none for structure and weights only
     * @param threshold the relative difference above which a layer has diverged
     * @param monitor   progress (weights, then the layer groups, then the outputs) and cancellation
     * @throws IOException                                          naming a weight file or an input
     *                                                              that cannot be read
     * @throws org.convscope.core.progress.CancelledException when the monitor is cancelled
     */
    public static ModelDiff compute(ModelGraph a, Path fileA, ModelGraph b, Path fileB, List<Path> files,
            double threshold, ProgressMonitor monitor) throws IOException {
        monitor.begin(Messages.diffTask, 2 + a.allLayers().size());
        StructureDiff structure = StructureDiff.compare(a, b);
        monitor.worked(1);
        monitor.checkCanceled();
        if (files.isEmpty()) {
            return new ModelDiff(structure, threshold, 0, null, null, List.of(), null);
        }
        Optional<String> blocked = blocked(a, fileA, b, fileB);
        if (blocked.isPresent()) {
            return new ModelDiff(structure, threshold, files.size(), null, blocked.get(), List.of(), null);
        }
        Tensor xa = ModelInputs.load(a, fileA, files, null, null).tensor();
        Tensor xb = ModelInputs.load(b, fileB, files, null, null).tensor();
        try (Network na = Engine.open(a); Network nb = Engine.open(b)) {
            return new Run(structure, a, b, xa, xb, monitor).go(na, nb, threshold, xa.dim(0));
        } finally {
            monitor.done();
        }
    }

    /**
     * Runs both models on one input and gives one matched layer's output in each, for a person to
     * look at side by side (what {@link #compute} only summarises).
     *
     * @param file   an image or {@code .npy} array; an array's first item is used
     * @param layerA the layer's id in {@code a}
     * @param layerB its counterpart's id in {@code b}
     * @return the two outputs, batch item 0 of each (the model input: what each model's
     *         preprocessing made of the file)
     * @throws IOException       naming the input when it cannot be read
     * @throws AnalysisException when the models take different inputs, or a layer cannot be run
     */
    public static List<Tensor> layerOutputs(ModelGraph a, Path fileA, ModelGraph b, Path fileB, Path file,
            String layerA, String layerB) throws IOException {
        Optional<String> blocked = blocked(a, fileA, b, fileB);
        if (blocked.isPresent()) {
            throw new AnalysisException(blocked.get());
        }
        Tensor xa = first(ModelInputs.load(a, fileA, List.of(file), null, null).tensor());
        Tensor xb = first(ModelInputs.load(b, fileB, List.of(file), null, null).tensor());
        try (Network na = Engine.open(a); Network nb = Engine.open(b)) {
            return List.of(output(na, a, xa, layerA), output(nb, b, xb, layerB));
        }
    }

    private static Tensor output(Network n, ModelGraph g, Tensor x, String layer) {
        Layer l = g.allLayers().stream().filter(c -> c.id().equals(layer)).findFirst().orElse(null);
        if (l != null && l.category() == LayerCategory.INPUT && l.path().size() == 1) {
            return x;
        }
        String node = AnalysisLayers.of(g).singleOutputNodes().get(layer);
        if (node == null) {
            throw new AnalysisException(MessageBundles.bind(Messages.notComputed, layer));
        }
        ForwardResult r = n.forward(x, List.of(node));
        Tensor t = r.outputs().get(node);
        if (t == null) {
            LayerFailure f = r.failures().get(node);
            throw new AnalysisException(
                    f == null ? MessageBundles.bind(Messages.notComputed, layer) : f.message());
        }
        return t;
    }

    /** @return batch item 0 of {@code t} */
    private static Tensor first(Tensor t) {
        if (t.dim(0) == 1) {
            return t;
        }
        int[] shape = t.shape().clone();
        shape[0] = 1;
        return new Tensor(Arrays.copyOf(t.data(), t.size() / t.dim(0)), shape);
    }

    /**
     * @return why two models cannot be run on the same inputs and compared layer by layer (one of
     *         them takes other than one input, or their inputs differ in shape), naming the files;
     *         empty when they can
     */
    public static Optional<String> blocked(ModelGraph a, Path fileA, ModelGraph b, Path fileB) {
        for (ModelGraph g : List.of(a, b)) {
            if (g.inputs().size() != 1) {
                return Optional.of(MessageBundles.bind(Messages.diffOneInput, (g == a ? fileA : fileB).getFileName(),
                        g.inputShapes()));
            }
        }
        if (!a.inputShapes().equals(b.inputShapes())) {
            return Optional.of(MessageBundles.bind(Messages.diffInputShapes, fileA.getFileName(), a.inputShapes()
                    .get(0), fileB.getFileName(), b.inputShapes().get(0)));
        }
        return Optional.empty();
    }

    /** @return the structure and weights compared */
    public StructureDiff structure() {
        return structure;
    }

    /** @return the relative difference above which a layer has diverged */
    public double threshold() {
        return threshold;
    }

    /**
     * @return how many inputs were run (the batch: an image each, or an array's first axis); when
     *         nothing was run, how many files were given (0: structure and weights only)
     */
    public int inputs() {
        return inputs;
    }

    /**
     * @return the matched layers' divergences in the first model's topological order; empty when
     *         no inputs were given or the activations were {@link #skipped()}
     */
    public Optional<List<LayerDivergence>> activations() {
        return Optional.ofNullable(activations);
    }

    /** @return why the activations were not compared though inputs were given; empty otherwise */
    public Optional<String> skipped() {
        return Optional.ofNullable(skipped);
    }

    /**
     * @return the matched layers whose outputs could not be compared, each as one line naming it and
     *         why (the engine cannot run it, or the two outputs differ in shape)
     */
    public List<String> notCompared() {
        return notCompared;
    }

    /** @return the final outputs' agreement; empty without a run, or when the outputs cannot be compared */
    public Optional<OutputAgreement> outputs() {
        return Optional.ofNullable(outputs);
    }

    /**
     * @return the first matched layer along the first model's graph whose relative difference
     *         exceeds {@link #threshold()}; empty when none does or nothing was run
     */
    public Optional<LayerDivergence> firstDivergence() {
        return activations == null
                ? Optional.empty()
                : activations.stream().filter(d -> d.rel() > threshold).findFirst();
    }

    /**
     * @return everything as plain JSON values, keys in a fixed order: {@code matches} (a_name, b_name,
     *         status, differences: field, a, b), {@code weights} (layer, b_layer, weight, a_shape,
     *         b_shape, max_abs, rel), {@code activations} (layer, max_abs, rel, cosine; null without a
     *         run), {@code first_divergence} (a layer name or null), {@code outputs} (top1_agreement,
     *         top5_overlap; null without a run). A number that could not be computed is null.
     */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> matches = new ArrayList<>();
        for (LayerMatch m : structure.matches()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("a_name", m.aName());
            e.put("b_name", m.bName());
            e.put("status", m.status().key());
            List<Object> differences = new ArrayList<>();
            for (Difference d : m.differences()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("field", d.field());
                f.put("a", d.a());
                f.put("b", d.b());
                differences.add(f);
            }
            e.put("differences", differences);
            matches.add(e);
        }
        out.put("matches", matches);
        List<Object> weights = new ArrayList<>();
        for (WeightDifference w : structure.weights()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("layer", w.layer());
            e.put("b_layer", w.bLayer());
            e.put("weight", w.weight());
            e.put("a_shape", w.aShape());
            e.put("b_shape", w.bShape());
            e.put("max_abs", number(w.maxAbs()));
            e.put("rel", number(w.rel()));
            weights.add(e);
        }
        out.put("weights", weights);
        List<Object> layers = null;
        if (activations != null) {
            layers = new ArrayList<>();
            for (LayerDivergence d : activations) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("layer", d.layer());
                e.put("max_abs", number(d.maxAbs()));
                e.put("rel", number(d.rel()));
                e.put("cosine", number(d.cosine()));
                layers.add(e);
            }
        }
        out.put("activations", layers);
        out.put("first_divergence", firstDivergence().map(LayerDivergence::layer).orElse(null));
        Map<String, Object> agreement = null;
        if (outputs != null) {
            agreement = new LinkedHashMap<>();
            agreement.put("top1_agreement", number(outputs.top1Agreement()));
            agreement.put("top5_overlap", number(outputs.top5Overlap()));
        }
        out.put("outputs", agreement);
        return out;
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * {@code a} against {@code b}: {max |a − b|, ‖a − b‖ / max(‖a‖, 1e-12), cosine}, summed in double.
     */
    static double[] divergence(Tensor a, Tensor b) {
        float[] x = a.data();
        float[] y = b.data();
        double max = 0;
        double dd = 0;
        double aa = 0;
        double bb = 0;
        double ab = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            max = Math.max(max, Math.abs(d));
            dd += d * d;
            aa += (double) x[i] * x[i];
            bb += (double) y[i] * y[i];
            ab += (double) x[i] * y[i];
        }
        double norms = Math.sqrt(aa) * Math.sqrt(bb);
        // identical outputs: exactly 1 (the quotient of the sums can round to 1 − 1e-16)
        double cosine = dd == 0 ? 1 : norms > 0 ? ab / norms : 0;
        return new double[] { max, Math.sqrt(dd) / Math.max(Math.sqrt(aa), 1e-12), cosine };
    }

    /**
     * @return {top-1 agreement, mean top-k overlap / k} of two score tensors, per batch item over
     *         all its values
     */
    static double[] agreement(Tensor a, Tensor b) {
        int n = a.dim(0);
        int classes = a.size() / Math.max(1, n);
        int k = Math.min(5, classes);
        int same = 0;
        double overlap = 0;
        for (int i = 0; i < n; i++) {
            int[] ta = top(a.data(), i * classes, classes, k);
            int[] tb = top(b.data(), i * classes, classes, k);
            if (ta[0] == tb[0]) {
                same++;
            }
            int common = 0;
            for (int c : ta) {
                for (int d : tb) {
                    if (c == d) {
                        common++;
                    }
                }
            }
            overlap += (double) common / k;
        }
        return new double[] { (double) same / n, overlap / n };
    }

    /** @return the indices of the {@code k} largest values, largest first, the lower index on a tie */
    private static int[] top(float[] v, int from, int count, int k) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> {
            int c = Float.compare(v[from + q], v[from + p]);
            return c != 0 ? c : Integer.compare(p, q);
        });
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** One run of both models on their inputs, layer group by layer group. */
    private static final class Run {

        private final StructureDiff structure;
        private final ModelGraph a;
        private final ModelGraph b;
        private final Tensor xa;
        private final Tensor xb;
        private final ProgressMonitor monitor;
        private final List<String> notCompared = new ArrayList<>();

        Run(StructureDiff structure, ModelGraph a, ModelGraph b, Tensor xa, Tensor xb, ProgressMonitor monitor) {
            this.monitor = monitor;
            this.structure = structure;
            this.a = a;
            this.b = b;
            this.xa = xa;
            this.xb = xb;
        }

        ModelDiff go(Network na, Network nb, double threshold, int batch) {
            Map<String, String> pairs = structure.pairs();
            Map<String, Layer> layersA = byId(a);
            Map<String, Layer> layersB = byId(b);
            Map<String, String> nodesA = AnalysisLayers.of(a).singleOutputNodes();
            Map<String, String> nodesB = AnalysisLayers.of(b).singleOutputNodes();
            List<LayerDivergence> out = new ArrayList<>();
            List<String[]> group = new ArrayList<>();
            long values = 0;
            ExecutionGraph flat = a.flatten();
            for (String id : flat.layerIds()) {
                String idB = pairs.get(id);
                Layer la = layersA.get(id);
                Layer lb = idB == null ? null : layersB.get(idB);
                if (lb == null || la.model().isPresent() || lb.model().isPresent()) {
                    // a nested model's output is its last layer's, compared there
                    continue;
                }
                if (la.category() == LayerCategory.INPUT || lb.category() == LayerCategory.INPUT) {
                    if (la.path().size() == 1 && lb.path().size() == 1) {
                        // the model's input: what each model's preprocessing made of the files
                        compare(id, idB, xa, xb, out);
                    }
                    // a nested model's input is what feeds it, compared where that is made
                    continue;
                }
                if (!nodesA.containsKey(id) || !nodesB.containsKey(idB)) {
                    continue;
                }
                long size = size(la);
                if (!group.isEmpty() && values + size > VALUES_PER_GROUP) {
                    runGroup(na, nb, group, out);
                    group.clear();
                    values = 0;
                }
                group.add(new String[] { id, idB, nodesA.get(id), nodesB.get(idB) });
                values += size;
            }
            if (!group.isEmpty()) {
                runGroup(na, nb, group, out);
            }
            return new ModelDiff(structure, threshold, batch, out, null, notCompared, scores(na, nb));
        }

        /** Runs one group of layers in both models, compares, and lets their activations go. */
        private void runGroup(Network na, Network nb, List<String[]> group, List<LayerDivergence> out) {
            monitor.checkCanceled();
            ForwardResult ra = na.forward(xa, group.stream().map(g -> g[2]).distinct().toList());
            ForwardResult rb = nb.forward(xb, group.stream().map(g -> g[3]).distinct().toList());
            for (String[] g : group) {
                Tensor ta = ra.outputs().get(g[2]);
                Tensor tb = rb.outputs().get(g[3]);
                if (ta == null || tb == null) {
                    LayerFailure f = ta == null ? ra.failures().get(g[2]) : rb.failures().get(g[3]);
                    String why = f == null
                            ? MessageBundles.bind(Messages.notComputed, ta == null ? g[0] : g[1])
                            : f.message();
                    notCompared.add(MessageBundles.bind(Messages.diffNotRun, g[0], why));
                } else {
                    compare(g[0], g[1], ta, tb, out);
                }
            }
            na.clearCache();
            nb.clearCache();
            monitor.worked(group.size());
        }

        private void compare(String id, String idB, Tensor ta, Tensor tb, List<LayerDivergence> out) {
            if (!Arrays.equals(ta.shape(), tb.shape())) {
                notCompared.add(MessageBundles.bind(Messages.diffShapes, id, Comparison.shapeText(ta.shape()),
                        Comparison.shapeText(tb.shape())));
                return;
            }
            double[] d = divergence(ta, tb);
            out.add(new LayerDivergence(id, idB, d[0], d[1], d[2]));
        }

        private OutputAgreement scores(Network na, Network nb) {
            monitor.checkCanceled();
            String sa = AnalysisLayers.of(a).scoreNode();
            String sb = AnalysisLayers.of(b).scoreNode();
            Tensor ta = na.forward(xa, List.of(sa)).outputs().get(sa);
            Tensor tb = nb.forward(xb, List.of(sb)).outputs().get(sb);
            na.clearCache();
            nb.clearCache();
            if (ta == null || tb == null || !Arrays.equals(ta.shape(), tb.shape())) {
                notCompared.add(ta == null || tb == null
                        ? Messages.diffNoScores
                        : MessageBundles.bind(Messages.diffScoreShapes, Comparison.shapeText(ta.shape()),
                                Comparison.shapeText(tb.shape())));
                return null;
            }
            double[] g = agreement(ta, tb);
            return new OutputAgreement(g[0], g[1], ta.dim(0));
        }

        private long size(Layer l) {
            List<TensorShape> shapes = l.outputShapes();
            Long n = shapes.isEmpty() ? null : shapes.get(0).count(1);
            // an unknown size counts as a large one, so that it is never grouped with much else
            return (n == null ? VALUES_PER_GROUP / 4 : n) * Math.max(1, xa.dim(0));
        }

        private static Map<String, Layer> byId(ModelGraph g) {
            Map<String, Layer> m = new HashMap<>();
            g.allLayers().forEach(l -> m.put(l.id(), l));
            return m;
        }
    }
}
