package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.model.InboundRef;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * The layers of one model config as drafts with their calls, and the model's input and output
 * tensors: a functional config as written, a Sequential one wired layer to layer (with the input
 * layer Keras 2 left implicit made explicit). Keras's node numbering is resolved here.
 */
final class LayerList {

    /** Keras classes of models that can appear as layers. */
    private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");

    final String name;
    final String cls;
    final boolean sequential;
    final Map<String, LayerDraft> drafts = new LinkedHashMap<>();
    final List<InboundRef> inputs = new ArrayList<>();
    final List<InboundRef> outputs = new ArrayList<>();

    private LayerList(String name, String cls, boolean sequential) {
        this.name = name;
        this.cls = cls;
        this.sequential = sequential;
    }

    /**
     * @param entry a model entry: {@code class_name} and {@code config}
     * @param feeds the shapes a nested model is called on, or null
     * @return its layers
     * @throws ConfigException if the config is not a model's
     */
    static LayerList read(Map<String, Object> entry, List<TensorShape> feeds) {
        String cls = Configs.className(entry);
        Object cfg = entry.get("config");
        boolean sequential = "Sequential".equals(cls);
        String name = modelName(entry, cfg);
        List<?> layerEntries = cfg instanceof List<?> l
                ? l
                : cfg instanceof Map<?, ?> m && m.get("layers") instanceof List<?> l2 ? l2 : null;
        if (layerEntries == null) {
            if (!MODEL_CLASSES.contains(cls)) {
                throw new ConfigException(MessageBundles.bind(Messages.subclassedModel, cls));
            }
            throw new ConfigException(MessageBundles.bind(Messages.noLayerList, name, cls));
        }
        LayerList list = new LayerList(name, cls, sequential);
        Map<String, LayerDraft> drafts = list.drafts;
        if (sequential) {
            sequentialDrafts(entry, layerEntries, feeds, drafts, list.inputs, list.outputs, name);
        } else {
            List<Object> entries = new ArrayList<>();
            for (Object o : layerEntries) {
                add(drafts, draft(o, name), name);
                entries.add(o);
            }
            int i = 0;
            for (LayerDraft d : drafts.values()) {
                Object nodes = Configs.get(Configs.asMap(entries.get(i++)), "inbound_nodes");
                d.nodes.addAll(InboundNodes.parse(nodes, d.name, drafts.keySet()));
            }
            Map<?, ?> m = cfg instanceof Map<?, ?> map ? map : Map.of();
            list.inputs.addAll(InboundNodes.tensors(m.get("input_layers"), name));
            list.outputs.addAll(InboundNodes.tensors(m.get("output_layers"), name));
        }
        for (LayerDraft d : drafts.values()) {
            if (d.mapper instanceof InputMapper && d.nodes.isEmpty()) {
                d.nodes.add(new RawNode(List.of(), List.of(), Map.of()));
            }
        }
        resolveNodeIndices(drafts, list.inputs, list.outputs, name);
        return list;
    }

    /** Whether a layer entry is itself a model. */
    static boolean isModel(String cls, Object config) {
        if (MODEL_CLASSES.contains(cls)) {
            return true;
        }
        return config instanceof Map<?, ?> m && m.get("layers") instanceof List && m.containsKey("input_layers")
                && m.containsKey("output_layers");
    }

    private static String modelName(Map<String, Object> entry, Object cfg) {
        if (cfg instanceof Map<?, ?> m && m.get("name") instanceof String s) {
            return s;
        }
        if (entry.get("name") instanceof String s) {
            return s;
        }
        // Keras 1 and 2.2 wrote a Sequential config as a bare list, with no name to show.
        return "";
    }

    private static void sequentialDrafts(Map<String, Object> entry, List<?> layerEntries, List<TensorShape> feeds,
            Map<String, LayerDraft> drafts, List<InboundRef> inputs, List<InboundRef> outputs, String model) {
        List<LayerDraft> stack = new ArrayList<>();
        for (Object o : layerEntries) {
            stack.add(draft(o, model));
        }
        if (stack.isEmpty() || !(stack.get(0).mapper instanceof InputMapper)) {
            // Keras 2 put the input shape on the first layer and named the implicit input after it.
            String first = stack.isEmpty() ? model : stack.get(0).name;
            TensorShape shape = stack.isEmpty()
                    ? TensorShape.unknown()
                    : InputMapper.declared(new LayerConfig(stack.get(0).cls, stack.get(0).config));
            if (!shape.isKnown()) {
                shape = Configs.buildInputShape(entry);
            }
            if (!shape.isKnown() && feeds != null && feeds.size() == 1) {
                shape = feeds.get(0);
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("batch_shape", shape.isKnown() ? shape.dims() : null);
            config.put("name", first + "_input");
            LayerDraft input = new LayerDraft(first + "_input", "InputLayer", config, Map.of(),
                    LayerMappers.find("InputLayer"));
            stack.add(0, input);
        }
        String previous = null;
        for (LayerDraft d : stack) {
            if (previous != null) {
                d.nodes.add(new RawNode(List.of(new InboundRef(previous, 0, 0)), List.of(TensorShape.unknown()),
                        Map.of()));
            }
            add(drafts, d, model);
            previous = d.name;
        }
        inputs.add(new InboundRef(stack.get(0).name, 0, 0));
        outputs.add(new InboundRef(previous, 0, 0));
    }

    private static void add(Map<String, LayerDraft> drafts, LayerDraft d, String model) {
        if (drafts.put(d.name, d) != null) {
            throw new ConfigException(MessageBundles.bind(Messages.duplicateLayer, model, d.name));
        }
    }

    private static LayerDraft draft(Object o, String model) {
        Map<String, Object> e = Configs.asMap(o);
        if (e == null) {
            throw new ConfigException(MessageBundles.bind(Messages.entryNotObject, model));
        }
        String cls = Configs.className(e);
        if (cls == null) {
            throw new ConfigException(MessageBundles.bind(Messages.entryNoClassName, model));
        }
        Object rawConfig = e.get("config");
        Map<String, Object> config = rawConfig instanceof List<?> list
                ? Map.of("layers", list)
                : Configs.asMap(rawConfig) == null ? Map.of() : Configs.asMap(rawConfig);
        String name = e.get("name") instanceof String s ? s : config.get("name") instanceof String s2 ? s2 : null;
        if (name == null || name.isEmpty()) {
            throw new ConfigException(MessageBundles.bind(Messages.layerNoName, model, cls));
        }
        LayerMapper mapper = isModel(cls, rawConfig) ? null : LayerMappers.find(cls);
        if (mapper == null && !isModel(cls, rawConfig)) {
            mapper = UnknownMapper.INSTANCE;
        }
        return new LayerDraft(name, cls, config, e, mapper);
    }

    /**
     * Keras numbers a layer's calls from 1 when it counts an internal node first (a nested
     * functional model); the numbers other layers use tell which convention the file follows.
     */
    private static void resolveNodeIndices(Map<String, LayerDraft> drafts, List<InboundRef> inputs,
            List<InboundRef> outputs, String model) {
        Map<String, Integer> maxRef = new HashMap<>();
        List<InboundRef> all = new ArrayList<>(inputs);
        all.addAll(outputs);
        for (LayerDraft d : drafts.values()) {
            for (RawNode n : d.nodes) {
                all.addAll(n.inbound());
            }
        }
        for (InboundRef r : all) {
            if (!drafts.containsKey(r.layer())) {
                throw new ConfigException(MessageBundles.bind(Messages.connectionFromNowhere, model, r.layer()));
            }
            maxRef.merge(r.layer(), r.nodeIndex(), Math::max);
        }
        for (LayerDraft d : drafts.values()) {
            int max = maxRef.getOrDefault(d.name, -1);
            d.firstNodeIndex = max >= d.nodes.size() ? max - d.nodes.size() + 1 : 0;
        }
        for (InboundRef r : all) {
            LayerDraft d = drafts.get(r.layer());
            int pos = r.nodeIndex() - d.firstNodeIndex;
            if (pos < 0 || pos >= d.nodes.size()) {
                throw new ConfigException(MessageBundles.bind(Messages.connectionFromMissingCall, model, r.nodeIndex(),
                        r.layer(), d.nodes.size()));
            }
        }
    }
}
