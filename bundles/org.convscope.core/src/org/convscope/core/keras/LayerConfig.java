package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.text.MessageBundles;

/**
 * Typed reading of one layer's config. Every getter takes several key names because Keras 1,
 * Keras 2 and Keras 3 spell the same setting differently ({@code nb_filter}/{@code filters},
 * {@code border_mode}/{@code padding}); the first key present wins.
 */
final class LayerConfig {

    private final String className;
    private final Map<String, Object> map;

    /**
     * @param className the Keras class
     * @param map       the layer's config (plain JSON values)
     */
    LayerConfig(String className, Map<String, Object> map) {
        this.className = className;
        this.map = map;
    }

    /** @return the Keras class */
    String className() {
        return className;
    }

    /** @return the raw config */
    Map<String, Object> map() {
        return map;
    }

    /**
     * @param keys key names to try, in order
     * @return the value of the first key present with a non-null value, or null
     */
    Object get(String... keys) {
        for (String k : keys) {
            Object v = map.get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** @param keys key names to try @return whether one is present with a non-null value */
    boolean has(String... keys) {
        return get(keys) != null;
    }

    /**
     * @param dflt the value when no key is present
     * @param keys key names to try
     * @return the integer
     * @throws ShapeException if the value is not an integer
     */
    int integer(int dflt, String... keys) {
        Object v = get(keys);
        if (v == null) {
            return dflt;
        }
        if (v instanceof List<?> l && l.size() == 1) {
            v = l.get(0);
        }
        return toInt(v, keys[0]);
    }

    /** @param dflt default @param keys key names to try @return the number */
    double number(double dflt, String... keys) {
        Object v = get(keys);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return dflt;
    }

    /** @param dflt default @param keys key names to try @return the string */
    String string(String dflt, String... keys) {
        Object v = get(keys);
        return v instanceof String s ? s : dflt;
    }

    /** @param dflt default @param keys key names to try @return the boolean */
    boolean bool(boolean dflt, String... keys) {
        Object v = get(keys);
        return v instanceof Boolean b ? b : dflt;
    }

    /**
     * Reads a setting given either as one integer for every axis or as a list, such as
     * {@code kernel_size: 3} or {@code kernel_size: [3, 3]}.
     *
     * @param rank the number of axes
     * @param dflt the value for every axis when no key is present
     * @param keys key names to try
     * @return one value per axis
     * @throws ShapeException if a list has the wrong length or non-integers
     */
    int[] tuple(int rank, int dflt, String... keys) {
        Object v = get(keys);
        int[] out = new int[rank];
        if (v == null) {
            Arrays.fill(out, dflt);
        } else if (v instanceof List<?> l) {
            if (l.size() == 1) {
                Arrays.fill(out, toInt(l.get(0), keys[0]));
            } else if (l.size() == rank) {
                for (int i = 0; i < rank; i++) {
                    out[i] = toInt(l.get(i), keys[0]);
                }
            } else {
                throw new ShapeException(MessageBundles.bind(Messages.tupleSize, keys[0], l, rank));
            }
        } else {
            Arrays.fill(out, toInt(v, keys[0]));
        }
        return out;
    }

    /**
     * @param keys key names to try
     * @return a list of dimensions (nulls allowed), or null if no key holds a list
     */
    List<Integer> dims(String... keys) {
        Object v = get(keys);
        if (!(v instanceof List<?> l)) {
            return null;
        }
        List<Integer> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (o == null) {
                out.add(null);
            } else {
                int d = toInt(o, keys[0]);
                out.add(d < 0 ? null : d);
            }
        }
        return out;
    }

    /**
     * @param keys key names to try
     * @return a list of integers (for axes), a single integer as a one-element list, or null
     */
    List<Integer> ints(String... keys) {
        Object v = get(keys);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            return List.of(toInt(v, keys[0]));
        }
        List<Integer> out = new ArrayList<>(l.size());
        for (Object o : l) {
            out.add(toInt(o, keys[0]));
        }
        return out;
    }

    /**
     * @return whether channels come first: Keras 2/3 {@code data_format: channels_first} or
     *         Keras 1 {@code dim_ordering: th}
     */
    boolean channelsFirst() {
        String f = string(null, "data_format");
        if (f != null) {
            return f.equals("channels_first");
        }
        return "th".equals(string(null, "dim_ordering"));
    }

    /** @return the padding mode: {@code valid}, {@code same}, {@code causal} or {@code full}, lower case */
    String padding() {
        return string("valid", "padding", "border_mode").toLowerCase(Locale.ROOT);
    }

    private int toInt(Object v, String key) {
        if (v instanceof Long || v instanceof Integer) {
            long l = ((Number) v).longValue();
            if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
                throw new ShapeException(MessageBundles.bind(Messages.outOfRange, key, v));
            }
            return (int) l;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
            return d.intValue();
        }
        throw new ShapeException(MessageBundles.bind(Messages.notInteger, key, v));
    }
}
