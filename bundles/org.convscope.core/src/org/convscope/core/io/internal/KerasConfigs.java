package org.convscope.core.io.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The little the file layer needs to know about Keras model configs. */
public final class KerasConfigs {

    private static final Pattern NOT_WORD = Pattern.compile("\\W+");
    private static final Pattern WORD_START = Pattern.compile("(.)([A-Z][a-z]+)");
    private static final Pattern LOWER_UPPER = Pattern.compile("([a-z])([A-Z])");
    /** Class names seen; bounded, since a damaged or hostile config can name any number. */
    private static final int MAX_CACHED_CLASSES = 4096;
    private static final Map<String, String> SNAKE_CASES = new ConcurrentHashMap<>();

    private KerasConfigs() {
    }

    /** A layer entry of a model config: its name, class and own config map (null if absent). */
    public record LayerEntry(String name, String className, Object entry) {
    }

    /**
     * Keras 3 files a layer's weights under its class name in snake case, numbered when repeated
     * ({@code conv2d}, {@code conv2d_1}); this is Keras's rule for that name.
     */
    public static String snakeCase(String className) {
        // A model names few classes many times: each is converted once.
        String known = SNAKE_CASES.get(className);
        if (known != null) {
            return known;
        }
        String s = NOT_WORD.matcher(className).replaceAll("");
        s = WORD_START.matcher(s).replaceAll("$1_$2");
        s = LOWER_UPPER.matcher(s).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
        if (SNAKE_CASES.size() < MAX_CACHED_CLASSES) {
            SNAKE_CASES.put(className, s);
        }
        return s;
    }

    /**
     * @param modelEntry a model config ({@code {"class_name":..., "config":{"layers":[...]}}})
     * @return its layers in order, empty when it has none or is not a model
     */
    public static List<LayerEntry> layers(Object modelEntry) {
        List<LayerEntry> out = new ArrayList<>();
        if (!(modelEntry instanceof Map<?, ?> m)) {
            return out;
        }
        // Keras 2.2 and older wrote a Sequential config as the bare list of layers.
        Object layers = m.get("config") instanceof Map<?, ?> config ? config.get("layers") : m.get("config");
        if (!(layers instanceof List<?> list)) {
            return out;
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> layer && layer.get("class_name") instanceof String cls) {
                Object name = layer.get("name");
                if (!(name instanceof String) && layer.get("config") instanceof Map<?, ?> lc) {
                    name = lc.get("name");
                }
                if (name instanceof String n) {
                    out.add(new LayerEntry(n, cls, layer));
                }
            }
        }
        return out;
    }

    /**
     * @return the layers of {@code modelEntry} by the key Keras 3 files their weights under
     *         ({@code conv2d}, {@code conv2d_1}, ...)
     */
    public static Map<String, LayerEntry> bySaveKey(Object modelEntry) {
        Map<String, Integer> used = new HashMap<>();
        Map<String, LayerEntry> out = new LinkedHashMap<>();
        for (LayerEntry e : layers(modelEntry)) {
            String key = snakeCase(e.className());
            Integer n = used.merge(key, 0, (a, b) -> a + 1);
            out.put(n == 0 ? key : key + "_" + n, e);
        }
        return out;
    }

    /** @return the string under {@code key} of a JSON object, or null */
    public static String string(Object object, String key) {
        return object instanceof Map<?, ?> m && m.get(key) instanceof String s ? s : null;
    }
}
