package org.convscope.engine;

import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code id#1}, {@code id#2}. A nested model's id and its inner input layers' ids are aliases of
 * the tensors that stand for them, so activations can be asked for by any layer id the graph
 * shows.
 */
public final class ModelGraphs {

    private ModelGraphs() {
    }

    /** @return the executable form of {@code model} */
    public static NetworkSpec toSpec(ModelGraph model) {
        ExecutionGraph g = model.flatten();
        int kerasMajor = model.metadata() == null ? 3 : model.metadata().kerasMajor();
        List<Step> steps = g.steps();
        String[] names = new String[steps.size()];
        for (Step s : steps) {
            names[s.index()] = s.call() == 0 ? s.layerId() : s.layerId() + "#" + s.call();
        }
        List<LayerSpec> layers = new ArrayList<>(steps.size());
        for (Step s : steps) {
            List<String> inbound = new ArrayList<>();
            for (TensorId t : s.inputs()) {
                // every op has one output; a name that no node has makes the reader fail clearly
                inbound.add(t.index() == 0 ? names[t.step()] : names[t.step()] + ":" + t.index());
            }
            Layer layer = s.layer();
            layers.add(new LayerSpec(names[s.index()], layer.kerasClass(), dialect(layer.config(), kerasMajor), inbound,
                    () -> load(layer.weights()), s.node() == null ? null : s.node().arguments()));
        }
        List<String> inputs = new ArrayList<>();
        for (TensorId t : g.inputs()) {
            inputs.add(names[t.step()]);
        }
        Map<String, String> aliases = new HashMap<>();
        for (String id : g.layerIds()) {
            List<TensorId> outs = g.outputsOf(id);
            if (!outs.isEmpty() && !id.equals(names[outs.get(0).step()])) {
                aliases.put(id, names[outs.get(0).step()]);
            }
        }
        return new NetworkSpec(model.name(), layers, inputs, aliases);
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

    private static List<Tensor> load(List<WeightRef> refs) throws java.io.IOException {
        List<Tensor> out = new ArrayList<>(refs.size());
        for (WeightRef r : refs) {
            out.add(r.load());
        }
        return out;
    }
}
