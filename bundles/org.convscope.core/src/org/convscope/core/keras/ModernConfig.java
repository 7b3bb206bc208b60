package org.convscope.core.keras;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's class and config in today's Keras spelling, for code that runs layers and would
 * rather not learn Keras 1: {@code Convolution2D} with {@code nb_filter}, {@code nb_row},
 * {@code nb_col}, {@code border_mode}, {@code subsample}, {@code dim_ordering} becomes
 * {@code Conv2D} with {@code filters}, {@code kernel_size}, {@code padding}, {@code strides},
 * {@code data_format}; {@code Dense} {@code output_dim} becomes {@code units}; {@code Merge} becomes
 * {@code Add}, {@code Concatenate}, ... by its mode. Keras 2 and 3 configs come back unchanged.
 * The layer's own config (what the file says) is left as it is for display.
 *
 * @param kerasClass the class name in Keras 2/3 spelling
 * @param config     the config with Keras 2/3 keys (an unmodifiable copy when anything changed)
 */
public record ModernConfig(String kerasClass, Map<String, Object> config) {

    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("Convolution1D", "Conv1D"), Map.entry("Convolution2D", "Conv2D"),
            Map.entry("Convolution3D", "Conv3D"), Map.entry("AtrousConvolution1D", "Conv1D"),
            Map.entry("AtrousConvolution2D", "Conv2D"), Map.entry("SeparableConvolution2D", "SeparableConv2D"),
            Map.entry("Deconvolution2D", "Conv2DTranspose"));

    private static final Map<String, String> MERGE_MODES = Map.of("sum", "Add", "mul", "Multiply", "ave", "Average",
            "max", "Maximum", "concat", "Concatenate", "dot", "Dot");

    /**
     * @param kerasClass the class as the file gives it
     * @param config     the config as the file gives it
     * @return the same layer in Keras 2/3 spelling
     */
    public static ModernConfig of(String kerasClass, Map<String, Object> config) {
        Map<String, Object> c = new LinkedHashMap<>(config);
        String cls = CLASSES.getOrDefault(kerasClass, kerasClass);
        boolean changed = !cls.equals(kerasClass);
        int rank = rank(cls);
        changed |= rename(c, "nb_filter", "filters");
        changed |= rename(c, "border_mode", "padding");
        changed |= rename(c, "atrous_rate", "dilation_rate");
        changed |= rename(c, "bias", "use_bias");
        if (!cls.equals("Embedding")) {
            changed |= rename(c, "output_dim", "units");
        }
        if (cls.startsWith("Dropout") || cls.startsWith("SpatialDropout")) {
            changed |= rename(c, "p", "rate");
        }
        if (rank == 1) {
            changed |= renameToList(c, "subsample_length", "strides");
            changed |= renameToList(c, "filter_length", "kernel_size");
            changed |= renameToList(c, "pool_length", "pool_size");
            changed |= renameToList(c, "stride", "strides");
        } else {
            changed |= rename(c, "subsample", "strides");
        }
        if (c.containsKey("nb_row") && c.containsKey("nb_col") && !c.containsKey("kernel_size")) {
            c.put("kernel_size", List.of(c.remove("nb_row"), c.remove("nb_col")));
            changed = true;
        }
        if (c.get("dim_ordering") instanceof String order && !c.containsKey("data_format")) {
            c.remove("dim_ordering");
            c.put("data_format", order.equals("th") ? "channels_first" : "channels_last");
            changed = true;
        }
        if (cls.equals("Merge") && c.get("mode") instanceof String mode && MERGE_MODES.containsKey(mode)) {
            cls = MERGE_MODES.get(mode);
            changed = true;
            if (c.containsKey("concat_axis")) {
                c.put("axis", c.remove("concat_axis"));
            }
            if (c.containsKey("dot_axes")) {
                c.put("axes", c.remove("dot_axes"));
            }
        }
        return changed ? new ModernConfig(cls, Collections.unmodifiableMap(c)) : new ModernConfig(kerasClass, config);
    }

    private static int rank(String cls) {
        return cls.contains("1D") ? 1 : 2;
    }

    private static boolean rename(Map<String, Object> c, String old, String modern) {
        if (!c.containsKey(old) || c.containsKey(modern)) {
            return false;
        }
        c.put(modern, c.remove(old));
        return true;
    }

    private static boolean renameToList(Map<String, Object> c, String old, String modern) {
        if (!c.containsKey(old) || c.containsKey(modern)) {
            return false;
        }
        Object v = c.remove(old);
        c.put(modern, v instanceof Number ? List.of(v) : v);
        return true;
    }
}
