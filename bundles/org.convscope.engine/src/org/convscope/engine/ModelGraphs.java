package org.convscope.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.io.WeightRef;
import org.convscope.core.model.ExecutionGraph;
import org.convscope.core.model.ExecutionGraph.Step;
import org.convscope.core.model.ExecutionGraph.TensorId;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.ops.Activations;

/**
 * Turns the core's graph model into the engine's {@link NetworkSpec}, through
 * {@link ModelGraph#flatten()}: nested models are inlined, and a shared layer applied several times
 * becomes several nodes reading the same weights.
 *
 * <p>Nodes are named by {@link Layer#id()} (e.g. {@code block1_conv1}, or
 * {@code sequential/dense} inside a nested model); a shared layer's later calls get
 * {@code id#1}, {@code id#2}. A nested model's id (when it has one output) and its inner input
 * layers' ids are aliases of the tensors that stand for them, so activations can be asked for by
 * those layer ids too; {@link LayerNames} resolves every name the graph shows.
 */
public final class ModelGraphs {

    private ModelGraphs() {
    }

    /** @return the executable form of {@code model} */
    public static NetworkSpec toSpec(ModelGraph model) {
        ExecutionGraph g = model.flatten();
        int kerasMajor = model.metadata() == null ? 3 : model.metadata().kerasMajor();
        List<Step> steps = g.steps();
        List<LayerSpec> layers = new ArrayList<>(steps.size());
        // one source per layer: the engine reads and holds a shared layer's weights once for all its calls
        Map<Layer, WeightSource> sources = new IdentityHashMap<>();
        for (Step s : steps) {
            List<String> inbound = new ArrayList<>();
            for (TensorId t : s.inputs()) {
                inbound.add(tensorName(g, t));
            }
            Layer layer = s.layer();
            WeightSource weights = sources.computeIfAbsent(layer, l -> () -> load(l.weights()));
            layers.add(new LayerSpec(nodeName(s), layer.kerasClass(), dialect(layer.config(), kerasMajor), inbound,
                    weights, s.node() == null ? null : s.node().arguments()));
        }
        List<String> inputs = new ArrayList<>();
        for (TensorId t : g.inputs()) {
            inputs.add(nodeName(steps.get(t.step())));
        }
        Map<String, String> aliases = new HashMap<>();
        for (String id : g.layerIds()) {
            List<TensorId> outs = g.outputsOf(id);
            // a nested model with several outputs stands for several nodes: LayerNames lists them
            if (outs.size() == 1 && !id.equals(tensorName(g, outs.get(0)))) {
                aliases.put(id, tensorName(g, outs.get(0)));
            }
        }
        return new NetworkSpec(model.name(), layers, inputs, aliases);
    }

    /** @return the name of the node a step becomes: its layer's id, with {@code #call} after the first call */
    static String nodeName(Step s) {
        return s.call() == 0 ? s.layerId() : s.layerId() + "#" + s.call();
    }

    /**
     * @return the name by which nodes read a tensor; every op has one output, so a later output's
     *         name ({@code node:1}) is no node's, and the reader of it fails clearly
     */
    static String tensorName(ExecutionGraph g, TensorId t) {
        String node = nodeName(g.steps().get(t.step()));
        return t.index() == 0 ? node : node + ":" + t.index();
    }

    /**
     * Translates what a Keras 1 or 2 config means differently from Keras 3: the activation named
     * {@code hard_sigmoid} was another function.
     */
    static Map<String, Object> dialect(Map<String, Object> config, int kerasMajor) {
        if (kerasMajor >= 3 || config == null || !"hard_sigmoid".equals(config.get("activation"))) {
            return config;
        }
        Map<String, Object> c = new HashMap<>(config);
        c.put("activation", Activations.KERAS2_HARD_SIGMOID);
        return c;
    }

    private static List<Tensor> load(List<WeightRef> refs) throws IOException {
        List<Tensor> out = new ArrayList<>(refs.size());
        for (WeightRef r : refs) {
            out.add(r.load());
        }
        return out;
    }
}
