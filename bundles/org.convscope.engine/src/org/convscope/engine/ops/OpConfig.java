package org.convscope.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.text.MessageBundles;

/**
 * A Keras layer's config as the operations read it to build their SameDiff ops: typed reading of
 * the plain JSON values (Map, List, String, Long, Double, Boolean, null). Keras writes the same
 * option in several forms — {@code 3} or {@code [3, 3]}, Keras 2 and Keras 3 key names — and this
 * class absorbs them so that operations stay short. (The core's reader has its own reading of a
 * layer's config, for shape inference.)
 */
public final class OpConfig {

    private final Map<String, Object> values;

    public OpConfig(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** @return the raw value, or {@code null} when absent */
    public Object raw(String key) {
        return values.get(key);
    }

    /** @return whether {@code key} is present with a non-null value */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    public String string(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v.toString();
    }

    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        return v instanceof Boolean b ? b : fallback;
    }

    public double number(String key, double fallback) throws UnsupportedConfigException {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new UnsupportedConfigException(MessageBundles.bind(Messages.notANumber, key, v));
    }

    public int integer(String key, int fallback) throws UnsupportedConfigException {
        return (int) number(key, fallback);
    }

    /**
     * Reads an option given either as one integer or as a list, e.g. {@code kernel_size}.
     *
     * @param n        how many values are expected
     * @param fallback used for every position when the key is absent; negative means required
     */
    public int[] ints(String key, int n, int fallback) throws UnsupportedConfigException {
        Object v = values.get(key);
        int[] out = new int[n];
        if (v == null) {
            if (fallback < 0) {
                throw new UnsupportedConfigException(MessageBundles.bind(Messages.missingKey, key));
            }
            Arrays.fill(out, fallback);
            return out;
        }
        if (v instanceof Number num) {
            Arrays.fill(out, num.intValue());
            return out;
        }
        List<Integer> list = intList(key);
        if (list.size() != n) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.wrongCount, key, n, v));
        }
        for (int i = 0; i < n; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    /** @return a list of integers (nulls kept as {@code null}) */
    public List<Integer> intList(String key) throws UnsupportedConfigException {
        Object v = values.get(key);
        if (v instanceof Number num) {
            return List.of(num.intValue());
        }
        if (!(v instanceof List<?> list)) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.notAList, key, v));
        }
        List<Integer> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (o == null) {
                out.add(null);
            } else if (o instanceof Number num) {
                out.add(num.intValue());
            } else {
                throw new UnsupportedConfigException(MessageBundles.bind(Messages.holdsNonNumber, key, o));
            }
        }
        return out;
    }

    /** @return a list of numbers for an option given as one number or a list */
    public double[] doubles(String key) throws UnsupportedConfigException {
        Object v = values.get(key);
        if (v instanceof Number num) {
            return new double[] { num.doubleValue() };
        }
        if (!(v instanceof List<?> list)) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.notNumberOrList, key, v));
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number num)) {
                throw new UnsupportedConfigException(MessageBundles.bind(Messages.holdsNonNumber, key, list.get(i)));
            }
            out[i] = num.doubleValue();
        }
        return out;
    }

    /**
     * Fails for {@code data_format: channels_first}: the engine computes in Keras's default
     * channels-last layout only.
     */
    public void requireChannelsLast() throws UnsupportedConfigException {
        String format = string("data_format", "channels_last");
        if (!"channels_last".equals(format)) {
            throw new UnsupportedConfigException(MessageBundles.bind(Messages.dataFormat, format));
        }
    }

    /**
     * The activation's name, whether Keras wrote it as a string or (Keras 3, custom) as a
     * serialized object.
     */
    public String activation() {
        Object v = values.get("activation");
        if (v == null) {
            return "linear";
        }
        if (v instanceof Map<?, ?> m) {
            Object inner = m.get("config");
            if (inner instanceof String s) {
                return s;
            }
            if (inner instanceof Map<?, ?> im && im.get("name") instanceof String s) {
                return s;
            }
            Object cls = m.get("class_name");
            return cls == null ? v.toString() : cls.toString();
        }
        return v.toString();
    }
}
