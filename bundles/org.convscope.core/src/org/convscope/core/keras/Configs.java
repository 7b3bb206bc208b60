package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.model.TensorShape;

/** Small readers shared by the config parsers; every value is a plain JSON value. */
final class Configs {

    private Configs() {
    }

    /**
     * @param o a JSON value
     * @return it as a string-keyed map, or null if it is not an object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /**
     * @param map an object, may be null
     * @param key a key
     * @return its value, or null
     */
    static Object get(Map<String, Object> map, String key) {
        return map == null ? null : map.get(key);
    }

    /** @return the {@code class_name} of an entry (tfjs-layers may write {@code className}) */
    static String className(Map<String, Object> entry) {
        Object c = entry.get("class_name");
        if (c == null) {
            c = entry.get("className");
        }
        return c instanceof String s ? s : null;
    }

    /** @return false only if the config says {@code trainable: false} */
    static boolean trainable(Object config) {
        return !(config instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("trainable")));
    }

    /**
     * The input shape a model was built with when no input layer states it: Keras 3's
     * {@code build_config.input_shape} or Keras 2's {@code build_input_shape}.
     */
    static TensorShape buildInputShape(Map<String, Object> entry) {
        Map<String, Object> build = asMap(entry.get("build_config"));
        Object shape = build == null ? null : build.get("input_shape");
        if (shape == null && asMap(entry.get("config")) != null) {
            shape = asMap(entry.get("config")).get("build_input_shape");
        }
        if (shape instanceof List<?> list && !list.isEmpty() && !(list.get(0) instanceof List)) {
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
        return TensorShape.unknown();
    }

    /**
     * TensorFlow.js layers can write its own camelCase keys ({@code className}, {@code inboundNodes},
     * {@code kernelSize}); this returns the same tree with snake_case keys, as Python Keras writes.
     *
     * @param v a JSON value
     * @return the value with every object key in snake_case
     */
    static Object snakeCaseKeys(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(snake(String.valueOf(e.getKey())), snakeCaseKeys(e.getValue()));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(snakeCaseKeys(o));
            }
            return out;
        }
        return v;
    }

    private static String snake(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** @return whether a config tree uses tfjs camelCase keys */
    static boolean isCamelCase(Map<String, Object> root) {
        return root.containsKey("className") && !root.containsKey("class_name");
    }
}
