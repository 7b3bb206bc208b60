package org.convscope.core.diff;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.io.WeightRef;
import org.convscope.core.keras.ModernConfig;
import org.convscope.core.model.ExecutionGraph;
import org.convscope.core.model.ExecutionGraph.Step;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.tensor.Tensor;

/**
 * Two models' layers matched and compared without running anything. Layers match by id
 * ({@link Layer#id()}) first; the rest by position in the graph: the model inputs in order, then,
 * repeatedly, a layer of A whose inputs all come from matched layers matches the unmatched layer of
 * B that reads the counterparts of those layers, the same class preferred. Per match, the class and
 * configuration (in today's Keras spelling, {@link ModernConfig}, leaving out what does not change
 * what a layer computes: its name, initialisers, regularisers, constraints, the input's batch
 * shape, how the file spells its dtype, keys Keras 3 renamed, and an option one Keras version writes
 * and another leaves out while it holds its neutral value), the output shape, the parameter count and every
 * weight's values (as the reader gives them: TensorFlow.js quantised weights dequantised) are
 * compared.
 */
public final class StructureDiff {

    /** Configuration keys that do not change what a layer computes, or that other fields compare. */
    private static final Set<String> IGNORED = Set.of("name", "trainable", "module", "registered_name",
            "build_config", "compile_config", "batch_input_shape", "batch_shape", "input_shape", "sparse", "ragged",
            "seed", "optional", "init", "input_dtype");

    /** Options Keras 3 writes and Keras 2 does not, whose default is not a neutral value. */
    private static final Map<String, Object> ADDED = Map.of("renorm_momentum", 0.99);

    /** Keys Keras 3 renamed, by class: the old spelling → the new. */
    private static final Map<String, Map<String, String>> RENAMED = Map.of("LeakyReLU",
            Map.of("alpha", "negative_slope"));

    private final List<LayerMatch> matches;
    private final List<WeightDifference> weights;

    private StructureDiff(List<LayerMatch> matches, List<WeightDifference> weights) {
        this.matches = List.copyOf(matches);
        this.weights = List.copyOf(weights);
    }

    /**
     * Compares {@code a} with {@code b}, reading every weight of every matched layer (one pair at a
     * time).
     *
     * @throws IOException when a weight cannot be read (the message names the file)
     */
    public static StructureDiff compare(ModelGraph a, ModelGraph b) throws IOException {
        Map<String, String> pairs = match(a, b);
        Map<String, Layer> byIdB = new LinkedHashMap<>();
        b.allLayers().forEach(l -> byIdB.put(l.id(), l));
        Set<String> matchedB = new LinkedHashSet<>(pairs.values());
        List<LayerMatch> matches = new ArrayList<>();
        List<WeightDifference> weights = new ArrayList<>();
        for (Layer la : a.allLayers()) {
            String idB = pairs.get(la.id());
            if (idB == null) {
                matches.add(new LayerMatch(la.id(), null, MatchStatus.ONLY_A, List.of()));
                continue;
            }
            Layer lb = byIdB.get(idB);
            List<Difference> differences = differences(la, lb);
            for (WeightDifference w : compareWeights(la, lb)) {
                weights.add(w);
                if (!w.same()) {
                    differences.add(new Difference("weights." + w.weight(), w.aShape(), w.bShape()));
                }
            }
            matches.add(new LayerMatch(la.id(), idB,
                    differences.isEmpty() ? MatchStatus.SAME : MatchStatus.CHANGED, differences));
        }
        for (Layer lb : b.allLayers()) {
            if (!matchedB.contains(lb.id())) {
                matches.add(new LayerMatch(null, lb.id(), MatchStatus.ONLY_B, List.of()));
            }
        }
        return new StructureDiff(matches, weights);
    }

    /** @return every layer of both models: A's in Keras's order, then those only B has */
    public List<LayerMatch> matches() {
        return matches;
    }

    /** @return every weight of every matched layer, in the layers' order */
    public List<WeightDifference> weights() {
        return weights;
    }

    /** @return how many matches have {@code status} */
    public int count(MatchStatus status) {
        return (int) matches.stream().filter(m -> m.status() == status).count();
    }

    /** @return A's layer id → B's, for every matched layer, in A's order */
    public Map<String, String> pairs() {
        Map<String, String> out = new LinkedHashMap<>();
        matches.stream().filter(LayerMatch::matched).forEach(m -> out.put(m.aName(), m.bName()));
        return out;
    }

    /** @return whether both models are the same in everything compared */
    public boolean identical() {
        return matches.stream().allMatch(m -> m.status() == MatchStatus.SAME);
    }

    // ---- matching

    private static Map<String, String> match(ModelGraph a, ModelGraph b) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Set<String> idsB = new LinkedHashSet<>();
        b.allLayers().forEach(l -> idsB.add(l.id()));
        for (Layer l : a.allLayers()) {
            if (idsB.contains(l.id())) {
                pairs.put(l.id(), l.id());
            }
        }
        Positions pa = Positions.of(a);
        Positions pb = Positions.of(b);
        Set<String> taken = new LinkedHashSet<>(pairs.values());
        for (int i = 0; i < Math.min(pa.inputs.size(), pb.inputs.size()); i++) {
            String x = pa.inputs.get(i);
            String y = pb.inputs.get(i);
            if (!pairs.containsKey(x) && !taken.contains(y)) {
                pairs.put(x, y);
                taken.add(y);
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String x : pa.order) {
                if (pairs.containsKey(x)) {
                    continue;
                }
                List<String> readsA = pa.reads.get(x);
                if (readsA.isEmpty() || !pairs.keySet().containsAll(readsA)) {
                    continue;
                }
                List<String> want = readsA.stream().map(pairs::get).toList();
                String found = null;
                for (String y : pb.order) {
                    if (taken.contains(y) || !pb.reads.get(y).equals(want)) {
                        continue;
                    }
                    if (pb.classes.get(y).equals(pa.classes.get(x))) {
                        found = y;
                        break;
                    }
                    if (found == null) {
                        found = y;
                    }
                }
                if (found != null) {
                    pairs.put(x, found);
                    taken.add(found);
                    progress = true;
                }
            }
        }
        // back in A's order, for the caller's tables
        Map<String, String> ordered = new LinkedHashMap<>();
        for (Layer l : a.allLayers()) {
            if (pairs.containsKey(l.id())) {
                ordered.put(l.id(), pairs.get(l.id()));
            }
        }
        return ordered;
    }

    /** Where each computed layer sits: what it reads (its first call), and the model inputs. */
    private static final class Positions {

        final List<String> order = new ArrayList<>();
        final List<String> inputs = new ArrayList<>();
        final Map<String, List<String>> reads = new HashMap<>();
        final Map<String, String> classes = new HashMap<>();

        static Positions of(ModelGraph g) {
            Positions p = new Positions();
            ExecutionGraph e = g.flatten();
            for (Step s : e.steps()) {
                if (s.call() != 0) {
                    continue;
                }
                p.order.add(s.layerId());
                p.reads.put(s.layerId(), s.inputs().stream().map(t -> e.steps().get(t.step()).layerId()).toList());
                p.classes.put(s.layerId(), ModernConfig.of(s.layer().kerasClass(), s.layer().config()).kerasClass());
            }
            e.inputs().forEach(t -> p.inputs.add(e.steps().get(t.step()).layerId()));
            return p;
        }
    }

    // ---- comparing

    private static List<Difference> differences(Layer a, Layer b) {
        List<Difference> out = new ArrayList<>();
        ModernConfig ca = modern(a);
        ModernConfig cb = modern(b);
        if (!ca.kerasClass().equals(cb.kerasClass())) {
            out.add(new Difference("class", a.kerasClass(), b.kerasClass()));
        }
        // a nested model's configuration holds its layers, which are compared one by one
        if (a.model().isEmpty() && b.model().isEmpty()) {
            Set<String> keys = new LinkedHashSet<>(ca.config().keySet());
            keys.addAll(cb.config().keySet());
            for (String k : keys) {
                if (IGNORED.contains(k) || k.endsWith("_initializer") || k.endsWith("_regularizer")
                        || k.endsWith("_constraint")) {
                    continue;
                }
                Object x = normalised(k, ca.config().get(k));
                Object y = normalised(k, cb.config().get(k));
                boolean absent = !ca.config().containsKey(k) || !cb.config().containsKey(k);
                // an option one Keras version writes and another does not is no difference while neutral
                Object present = x == null ? y : x;
                if (absent && (neutral(present) || ADDED.containsKey(k) && equal(ADDED.get(k), present))) {
                    continue;
                }
                if (!equal(x, y)) {
                    out.add(new Difference("config." + k, x, y));
                }
            }
        }
        List<Object> sa = shapes(a.outputShapes());
        List<Object> sb = shapes(b.outputShapes());
        if (!sa.equals(sb)) {
            out.add(new Difference("output_shape", sa.size() == 1 ? sa.get(0) : sa, sb.size() == 1 ? sb.get(0) : sb));
        }
        if (a.params() != b.params()) {
            out.add(new Difference("params", a.params() < 0 ? null : a.params(), b.params() < 0 ? null : b.params()));
        }
        return out;
    }

    private static ModernConfig modern(Layer l) {
        ModernConfig c = ModernConfig.of(l.kerasClass(), l.config());
        Map<String, String> renamed = RENAMED.get(c.kerasClass());
        if (renamed == null) {
            return c;
        }
        Map<String, Object> config = new LinkedHashMap<>(c.config());
        renamed.forEach((old, now) -> {
            if (config.containsKey(old) && !config.containsKey(now)) {
                config.put(now, config.remove(old));
            }
        });
        return new ModernConfig(c.kerasClass(), config);
    }

    /** A dtype policy ({@code {"class_name": "DTypePolicy", "config": {"name": "float32"}}}) is its name. */
    private static Object normalised(String key, Object value) {
        if (key.equals("dtype") && value instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c
                && c.get("name") instanceof String name) {
            return name;
        }
        return value;
    }

    /**
     * @return whether {@code v} is an option's neutral value: off, empty, none, one (a dilation, a
     *         group count, a multiplier) or the default float32
     */
    private static boolean neutral(Object v) {
        return v == null || Boolean.FALSE.equals(v) || "float32".equals(v) || v instanceof Number n
                && (n.doubleValue() == 0 || n.doubleValue() == 1) || v instanceof List<?> l
                        && l.stream().allMatch(x -> x instanceof Number n && n.doubleValue() == 1)
                || v instanceof Map<?, ?> m && m.isEmpty();
    }

    /** JSON values equal, numbers by value (a file's {@code 1} equals another's {@code 1.0}). */
    private static boolean equal(Object x, Object y) {
        if (x instanceof Number p && y instanceof Number q) {
            return p.doubleValue() == q.doubleValue();
        }
        if (x instanceof List<?> p && y instanceof List<?> q) {
            if (p.size() != q.size()) {
                return false;
            }
            for (int i = 0; i < p.size(); i++) {
                if (!equal(p.get(i), q.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof Map<?, ?> p && y instanceof Map<?, ?> q) {
            if (!p.keySet().equals(q.keySet())) {
                return false;
            }
            for (Object k : p.keySet()) {
                if (!equal(p.get(k), q.get(k))) {
                    return false;
                }
            }
            return true;
        }
        return x == null ? y == null : x.equals(y);
    }

    private static List<Object> shapes(List<TensorShape> shapes) {
        List<Object> out = new ArrayList<>();
        for (TensorShape s : shapes) {
            out.add(s.isKnown() ? s.dims() : null);
        }
        return out;
    }

    /** Weights pair by position: the Keras 3 archive names them by position only. */
    private static List<WeightDifference> compareWeights(Layer a, Layer b) throws IOException {
        List<WeightRef> wa = numeric(a.weights());
        List<WeightRef> wb = numeric(b.weights());
        List<WeightDifference> out = new ArrayList<>();
        for (int i = 0; i < Math.max(wa.size(), wb.size()); i++) {
            WeightRef x = i < wa.size() ? wa.get(i) : null;
            WeightRef y = i < wb.size() ? wb.get(i) : null;
            String name = name(x, y);
            List<Integer> sx = x == null ? null : dims(x.shape());
            List<Integer> sy = y == null ? null : dims(y.shape());
            if (x == null || y == null || !sx.equals(sy)) {
                out.add(new WeightDifference(a.id(), b.id(), name, sx, sy, Double.NaN, Double.NaN));
                continue;
            }
            double[] d = difference(x.load(), y.load());
            out.add(new WeightDifference(a.id(), b.id(), name, sx, sy, d[0], d[1]));
        }
        return out;
    }

    private static List<WeightRef> numeric(List<WeightRef> weights) {
        return weights.stream().filter(w -> w.dtype().isPresent()).toList();
    }

    /** @return the first of the two names that is a name, not a position */
    private static String name(WeightRef x, WeightRef y) {
        for (WeightRef w : Arrays.asList(x, y)) {
            if (w != null && !w.name().chars().allMatch(Character::isDigit)) {
                return w.name();
            }
        }
        return x != null ? x.name() : y.name();
    }

    private static List<Integer> dims(int[] shape) {
        return Arrays.stream(shape).boxed().toList();
    }

    /**
     * @return {max |a − b|, ‖a − b‖ / max(‖a‖, 1e-12)} over every value, summed in double; the
     *         engine's activations are compared by the same rule
     */
    private static double[] difference(Tensor a, Tensor b) {
        float[] x = a.data();
        float[] y = b.data();
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " values against " + y.length);
        }
        double max = 0;
        double dd = 0;
        double aa = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            max = Math.max(max, Math.abs(d));
            dd += d * d;
            aa += (double) x[i] * x[i];
        }
        return new double[] { max, Math.sqrt(dd) / Math.max(Math.sqrt(aa), 1e-12) };
    }
}
