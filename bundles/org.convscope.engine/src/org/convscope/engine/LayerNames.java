package org.convscope.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.model.ExecutionGraph;
import org.convscope.core.model.ExecutionGraph.Step;
import org.convscope.core.model.ExecutionGraph.TensorId;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.text.MessageBundles;

/**
 * The layer names a person may give, and the engine nodes they stand for: the one place where
 * "the user named a layer" becomes "the engine computes this", for the command line and the
 * workbench alike.
 *
 * <p>A name is a layer's {@link Layer#id()}: a name as Keras's {@code model.summary()} lists it,
 * with the nested models it lies in before it ({@code base/out_relu}). A nested model's own name
 * ({@code base}) means its output, as {@code model.get_layer('base').output} does in Keras; for a
 * nested model with several outputs it means all of them, one node each. A shared layer's later
 * calls are accepted by their node names ({@code conv#1}). Plain Java: resolving needs no natives.
 */
public final class LayerNames {

    /** The most names a "did you mean" lists. */
    public static final int MAX_SUGGESTIONS = 5;

    private final Map<String, List<String>> nodes;
    private final List<String> listed;
    private final List<String> outputs;

    private LayerNames(Map<String, List<String>> nodes, List<String> listed, List<String> outputs) {
        this.nodes = nodes;
        this.listed = listed;
        this.outputs = outputs;
    }

    /**
     * @param model the model
     * @return the names of its layers and of its nested models' layers
     * @throws org.convscope.core.model.CyclicGraphException if the model's connections form a cycle
     */
    public static LayerNames of(ModelGraph model) {
        ExecutionGraph g = model.flatten();
        Map<String, List<String>> nodes = new LinkedHashMap<>();
        for (Layer l : model.allLayers()) {
            List<TensorId> outs = g.outputsOf(l.id());
            if (!outs.isEmpty()) {
                nodes.put(l.id(), outs.stream().map(t -> ModelGraphs.tensorName(g, t)).toList());
            }
        }
        List<String> listed = List.copyOf(nodes.keySet());
        for (Step s : g.steps()) {
            if (s.call() > 0) {
                nodes.put(ModelGraphs.nodeName(s), List.of(ModelGraphs.nodeName(s)));
            }
        }
        List<String> outputs = g.outputs().stream().map(t -> ModelGraphs.tensorName(g, t)).toList();
        return new LayerNames(nodes, listed, outputs);
    }

    /** @return the names as Keras lists them, nested models before their layers */
    public List<String> names() {
        return listed;
    }

    /** @return the nodes that compute the model's outputs, in output order (the first scores classes) */
    public List<String> outputNodes() {
        return outputs;
    }

    /** @return whether {@code name} names a layer the engine computes */
    public boolean contains(String name) {
        return nodes.containsKey(name);
    }

    /**
     * @param name a layer name
     * @return the engine nodes whose outputs make up its output: one, or one per output of a
     *         nested model with several
     * @throws NoSuchLayerException if no layer has that name
     */
    public List<String> nodes(String name) {
        List<String> n = nodes.get(name);
        if (n == null) {
            throw new NoSuchLayerException(name, suggestions(name));
        }
        return n;
    }

    /**
     * For a question about one tensor (filter patterns, Grad-CAM).
     *
     * @param name a layer name
     * @return the engine node that computes its output
     * @throws NoSuchLayerException     if no layer has that name
     * @throws AnalysisException   naming the outputs, if {@code name} is a nested model with
     *                              several
     */
    public String node(String name) {
        List<String> n = nodes(name);
        if (n.size() > 1) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.severalOutputs, name, n.size(), String.join(", ", n)));
        }
        return n.get(0);
    }

    /**
     * @param name a name that may not be one
     * @return at most {@link #MAX_SUGGESTIONS} of {@link #names()} close to it, closest first
     */
    public List<String> suggestions(String name) {
        return closest(name, listed, MAX_SUGGESTIONS);
    }

    /**
     * Names close to a mistyped one. Names that start with it (whole or after the last {@code /})
     * come first, then names that contain it, then names within a few edits; within each group the
     * fewest edits (case ignored, on the whole name or on the part after the last {@code /},
     * whichever is fewer) first, then the candidates' order.
     *
     * @param name       what the person typed
     * @param candidates the names to choose from, in the order ties keep
     * @param max        how many at most
     * @return the closest candidates, best first
     */
    public static List<String> closest(String name, List<String> candidates, int max) {
        String q = name.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.of();
        }
        String qTail = tail(q);
        int within = Math.max(2, qTail.length() / 3);
        record Scored(String name, int group, int edits, int order) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String c = candidates.get(i).toLowerCase(Locale.ROOT);
            String cTail = tail(c);
            int edits = Math.min(edits(q, c), edits(qTail, cTail));
            int group;
            if (c.startsWith(q) || cTail.startsWith(qTail)) {
                group = 0;
            } else if (c.contains(q) || cTail.contains(qTail)) {
                group = 1;
            } else if (edits <= within) {
                group = 2;
            } else {
                continue;
            }
            scored.add(new Scored(candidates.get(i), group, edits, i));
        }
        return scored.stream()
                .sorted(Comparator.comparingInt(Scored::group).thenComparingInt(Scored::edits)
                        .thenComparingInt(Scored::order))
                .limit(max).map(Scored::name).toList();
    }

    private static String tail(String s) {
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /** Levenshtein distance: insertions, deletions and substitutions, one each. */
    static int edits(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
