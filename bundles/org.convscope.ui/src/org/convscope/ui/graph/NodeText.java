package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.model.Layer;
import org.convscope.core.model.TensorShape;
import org.convscope.ui.ComputedActivations.LayerActivity;

/**
 * The words on a box: the Keras class and the few config attributes that tell layers of one class
 * apart, as Netron shows them (filters, kernel, strides, units, rate ...).
 */
public final class NodeText {

    /** Config keys worth a line, in display order, with the short label shown for each. */
    private static final String[][] KEYS = {
            { "filters", "filters" }, { "units", "units" }, { "kernel_size", "kernel" }, { "pool_size", "pool" },
            { "strides", "strides" }, { "dilation_rate", "dilation" }, { "padding", "padding" },
            { "depth_multiplier", "depth ×" }, { "rate", "rate" }, { "target_shape", "shape" }, { "dims", "dims" },
            { "size", "size" }, { "cropping", "crop" }, { "input_dim", "in" }, { "output_dim", "out" },
            { "axis", "axis" }, { "n", "n" }, { "negative_slope", "slope" }, { "alpha", "alpha" },
            { "max_value", "max" }, { "function", "fn" } };

    private NodeText() {
    }

    /** @param layer a layer @return its header text */
    public static String title(Layer layer) {
        return layer.kerasClass();
    }

    /**
     * @param layer a layer
     * @return the attribute lines; a nested model says how many layers it holds, an input its shape
     */
    public static List<String> attributes(Layer layer) {
        List<String> lines = new ArrayList<>();
        if (layer.model().isPresent()) {
            lines.add(layer.name() + " · " + layer.model().get().layers().size() + " layers");
            if (!layer.nodes().isEmpty()) {
                layer.nodes().get(0).inputShapes().forEach(s -> lines.add("in " + s));
                layer.nodes().get(0).outputShapes().forEach(s -> lines.add("out " + s));
            }
            lines.add(params(layer.params()));
            return lines;
        }
        if ("InputLayer".equals(layer.kerasClass())) {
            TensorShape shape = layer.outputShapes().isEmpty() ? TensorShape.unknown() : layer.outputShapes().get(0);
            lines.add(layer.name() + " " + shape);
            return lines;
        }
        Map<String, Object> config = layer.config();
        for (String[] key : KEYS) {
            Object value = config.get(key[0]);
            if (value == null || trivial(key[0], value)) {
                continue;
            }
            lines.add(key[1] + " " + format(value));
        }
        if ("Activation".equals(layer.kerasClass())) {
            String fn = activationName(config.get("activation"));
            if (fn != null) {
                lines.add(fn);
            }
        }
        return lines;
    }

    /**
     * @param count a parameter count, or {@link Layer#UNKNOWN_PARAMS}
     * @return the line a folded group's box shows for it
     */
    public static String params(long count) {
        return count < 0 ? "params ?" : String.format(Locale.ROOT, "params %,d", count);
    }

    /**
     * @param layer a layer
     * @return the activation a conv or dense layer applies itself (Netron draws it under the
     *         layer), or null when none or linear
     */
    public static String fusedActivation(Layer layer) {
        if ("Activation".equals(layer.kerasClass())) {
            return null;
        }
        String fn = activationName(layer.config().get("activation"));
        return fn == null || "linear".equals(fn) ? null : fn;
    }

    /**
     * @param activity what a run measured for a layer, or null
     * @return the statistics line of its box (mean, share of zeros, dead channels), or null
     */
    public static String stats(LayerActivity activity) {
        if (activity == null) {
            return null;
        }
        String line = String.format(Locale.ROOT, "μ %.3g · %.0f%% zero", activity.mean(), 100 * activity.zeroShare());
        return activity.deadChannels() > 0
                ? line + String.format(Locale.ROOT, " · %d/%d dead", activity.deadChannels(), activity.channels())
                : line;
    }

    /** @param dims a real shape, batch axis included @return it as Keras prints shapes */
    public static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }

    /** Keras writes an activation as a name, or (Keras 3, custom) as a serialized object. */
    static String activationName(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> m) {
            Object cfg = m.get("config");
            if (cfg instanceof Map<?, ?> c && c.get("name") instanceof String n) {
                return n;
            }
            return m.get("class_name") instanceof String n ? n : null;
        }
        return null;
    }

    /** Defaults that every layer of a class has say nothing; leave them off the box. */
    private static boolean trivial(String key, Object value) {
        return switch (key) {
            case "strides", "dilation_rate" -> allOnes(value);
            case "padding" -> "valid".equals(value);
            case "depth_multiplier" -> value instanceof Number n && n.intValue() == 1;
            case "negative_slope" -> value instanceof Number n && n.doubleValue() == 0;
            default -> false;
        };
    }

    private static boolean allOnes(Object value) {
        if (value instanceof Number n) {
            return n.intValue() == 1;
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(v -> v instanceof Number n && n.intValue() == 1);
        }
        return false;
    }

    /** Lists of numbers read as Netron writes them: 3×3. */
    static String format(Object value) {
        if (value instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(v -> v instanceof Number || v == null)) {
            StringBuilder sb = new StringBuilder();
            for (Object v : list) {
                if (!sb.isEmpty()) {
                    sb.append('×');
                }
                sb.append(v == null ? "?" : number((Number) v));
            }
            return sb.toString();
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
            return cls;
        }
        String text = String.valueOf(value);
        return text.length() > 24 ? text.substring(0, 23) + "…" : text;
    }

    private static String number(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
