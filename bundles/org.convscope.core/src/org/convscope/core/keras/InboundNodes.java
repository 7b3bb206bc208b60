package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.model.InboundRef;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * Reads the {@code inbound_nodes} of a layer and the {@code input_layers}/{@code output_layers}
 * of a functional model in both forms Keras writes:
 * <ul>
 * <li>Keras 1/2 and tfjs: each node a list of {@code [layer, node, tensor, kwargs]};</li>
 * <li>Keras 3: each node a map of {@code args} and {@code kwargs} in which every tensor is a
 * {@code __keras_tensor__} object with a {@code keras_history} of {@code [layer, node, tensor]}.</li>
 * </ul>
 */
final class InboundNodes {

    private static final String KERAS_TENSOR = "__keras_tensor__";
    private static final String CONSTANT = "_CONSTANT_VALUE";

    private InboundNodes() {
    }

    /**
     * @param value  the {@code inbound_nodes} value, may be null
     * @param layer  the layer's name, for messages
     * @param layers the names of the model's layers, to tell a Keras 2 tensor reference in the
     *               keyword arguments from an ordinary list
     * @return the calls
     */
    static List<RawNode> parse(Object value, String layer, Set<String> layers) {
        List<RawNode> nodes = new ArrayList<>();
        if (value == null) {
            return nodes;
        }
        if (!(value instanceof List<?> list)) {
            throw new ConfigException(MessageBundles.bind(Messages.inboundNotList, layer));
        }
        for (Object node : list) {
            if (node instanceof Map<?, ?> map) {
                nodes.add(keras3(map, layer));
            } else if (node instanceof List<?> entries) {
                nodes.add(keras2(entries, layer, layers));
            } else {
                throw new ConfigException(MessageBundles.bind(Messages.inboundNodeNeither, layer));
            }
        }
        return nodes;
    }

    private static RawNode keras3(Map<?, ?> node, String layer) {
        List<InboundRef> refs = new ArrayList<>();
        List<TensorShape> shapes = new ArrayList<>();
        collect(node.get("args"), refs, shapes, layer, 0);
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (node.get("args") instanceof List<?> args && args.stream().anyMatch(a -> a instanceof Number)) {
            // x + 3.0 or 0.5 * x (MobileNetV3's hard sigmoid): the constants and where they stand
            // among the tensors, as the engine reads them
            arguments.put("args", args);
        }
        if (node.get("kwargs") instanceof Map<?, ?> kwargs) {
            for (Map.Entry<?, ?> e : kwargs.entrySet()) {
                int before = refs.size();
                collect(e.getValue(), refs, shapes, layer, 0);
                if (refs.size() == before) {
                    arguments.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
        }
        return new RawNode(refs, shapes, arguments);
    }

    private static void collect(Object v, List<InboundRef> refs, List<TensorShape> shapes, String layer, int depth) {
        if (depth > 32) {
            throw new ConfigException(MessageBundles.bind(Messages.argumentsTooDeep, layer));
        }
        if (v instanceof Map<?, ?> map) {
            if (KERAS_TENSOR.equals(map.get("class_name")) && map.get("config") instanceof Map<?, ?> cfg) {
                refs.add(ref(cfg.get("keras_history"), layer));
                shapes.add(shape(cfg.get("shape")));
            } else {
                for (Object o : map.values()) {
                    collect(o, refs, shapes, layer, depth + 1);
                }
            }
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                collect(o, refs, shapes, layer, depth + 1);
            }
        }
    }

    private static TensorShape shape(Object v) {
        if (!(v instanceof List<?> list)) {
            return TensorShape.unknown();
        }
        List<Integer> dims = new ArrayList<>();
        for (Object o : list) {
            if (o == null) {
                dims.add(null);
            } else if (o instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
                dims.add(l.intValue());
            } else {
                return TensorShape.unknown();
            }
        }
        return TensorShape.of(dims);
    }

    /**
     * A Keras 2 node: one {@code [layer, node, tensor, kwargs]} entry per tensor of the first call
     * argument, or {@code ["_CONSTANT_VALUE", -1, value, kwargs]} when that argument was a constant
     * (a TensorFlow op applied as {@code 1 - x}); tensors among the other arguments appear in
     * kwargs as {@code [layer, node, tensor]}.
     */
    private static RawNode keras2(List<?> entries, String layer, Set<String> layers) {
        List<InboundRef> refs = new ArrayList<>();
        Map<String, Object> arguments = new LinkedHashMap<>();
        List<Object> flat = new ArrayList<>();
        flatten(entries, flat, layer, 0);
        for (Object e : flat) {
            List<?> l = (List<?>) e;
            if (!CONSTANT.equals(l.get(0))) {
                refs.add(ref(e, layer));
            }
            if (l.size() > 3 && l.get(3) instanceof Map<?, ?> kwargs) {
                for (Map.Entry<?, ?> kw : kwargs.entrySet()) {
                    int before = refs.size();
                    kwargTensors(kw.getValue(), refs, layers, layer, 0);
                    if (refs.size() == before) {
                        arguments.put(String.valueOf(kw.getKey()), kw.getValue());
                    }
                }
            }
        }
        List<TensorShape> shapes = new ArrayList<>();
        refs.forEach(r -> shapes.add(TensorShape.unknown()));
        return new RawNode(refs, shapes, arguments);
    }

    /** Collects the {@code [layer, node, tensor, ...]} entries of a node, however nested. */
    private static void flatten(List<?> entries, List<Object> out, String layer, int depth) {
        if (depth > 32) {
            throw new ConfigException(MessageBundles.bind(Messages.inboundTooDeep, layer));
        }
        for (Object e : entries) {
            if (e instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof List) {
                flatten(l, out, layer, depth + 1);
            } else if (e instanceof List<?> l && !l.isEmpty()) {
                out.add(l);
            } else {
                throw new ConfigException(MessageBundles.bind(Messages.layerBadReference, layer, abbreviate(e)));
            }
        }
    }

    private static void kwargTensors(Object v, List<InboundRef> refs, Set<String> layers, String layer, int depth) {
        if (depth > 32 || !(v instanceof List<?> l)) {
            return;
        }
        if (l.size() == 3 && l.get(0) instanceof String name && layers.contains(name) && l.get(1) instanceof Long
                && l.get(2) instanceof Long) {
            refs.add(ref(l, layer));
            return;
        }
        for (Object o : l) {
            kwargTensors(o, refs, layers, layer, depth + 1);
        }
    }

    /**
     * @param v     a {@code [layer, node, tensor]} triple
     * @param layer the layer whose config holds it, for messages
     * @return the reference
     */
    static InboundRef ref(Object v, String layer) {
        if (v instanceof List<?> l && l.size() >= 3 && l.get(0) instanceof String name
                && l.get(1) instanceof Long node && l.get(2) instanceof Long tensor
                && node >= 0 && tensor >= 0 && node < 1_000_000 && tensor < 1_000_000) {
            return new InboundRef(name, node.intValue(), tensor.intValue());
        }
        throw new ConfigException(MessageBundles.bind(Messages.badReference, layer, abbreviate(v)));
    }

    /**
     * Reads {@code input_layers} or {@code output_layers}: a list of triples, one bare triple
     * (Keras 3, single tensor), or a map of named triples.
     *
     * @param v     the value
     * @param model the model's name, for messages
     * @return the references
     */
    static List<InboundRef> tensors(Object v, String model) {
        List<InboundRef> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            for (Object o : map.values()) {
                out.addAll(tensors(o, model));
            }
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw new ConfigException(MessageBundles.bind(Messages.badInputOutputLayers, model, abbreviate(v)));
        }
        if (!list.isEmpty() && list.get(0) instanceof String) {
            out.add(ref(list, MessageBundles.bind(Messages.modelLabel, model)));
            return out;
        }
        for (Object o : list) {
            if (o instanceof List<?> inner && !inner.isEmpty() && inner.get(0) instanceof List) {
                out.addAll(tensors(inner, model));
            } else {
                out.add(ref(o, MessageBundles.bind(Messages.modelLabel, model)));
            }
        }
        return out;
    }

    private static String abbreviate(Object v) {
        String s = String.valueOf(v);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
