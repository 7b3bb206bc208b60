package org.convscope.ui.properties;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.convscope.core.io.WeightRef;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.ModelMetadata;
import org.convscope.core.model.Node;
import org.convscope.core.model.TensorShape;
import org.convscope.ui.OpenModel;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.views.properties.IPropertySource;

/**
 * What the Properties view lists for a layer, a weight and a model. Plain Java over the core's
 * graph model; tests read the sources without a display.
 */
public final class PropertySources {

    private PropertySources() {
    }

    /** @param layer a layer @return its properties */
    public static IPropertySource layer(Layer layer) {
        PropertyList p = new PropertyList(layer.name() + " (" + layer.kerasClass() + ")");
        p.add(Messages.catLayer, Messages.kerasClass, layer.kerasClass());
        p.add(Messages.catLayer, Messages.name, layer.name());
        if (layer.path().size() > 1) {
            p.add(Messages.catLayer, Messages.path, layer.id());
        }
        p.add(Messages.catLayer, Messages.category, layer.category().name().toLowerCase(Locale.ROOT));
        p.add(Messages.catLayer, Messages.trainable, layer.trainable() ? Messages.yes : Messages.no);
        layer.problem().ifPresent(problem -> p.add(Messages.catLayer, Messages.problem, problem));
        for (Map.Entry<String, Object> e : layer.config().entrySet()) {
            p.add(Messages.catConfig, e.getKey(), configText(e.getValue()));
        }
        List<Node> nodes = layer.nodes();
        for (int n = 0; n < nodes.size(); n++) {
            String call = nodes.size() > 1 ? " @" + n : "";
            List<TensorShape> ins = nodes.get(n).inputShapes();
            for (int i = 0; i < ins.size(); i++) {
                p.add(Messages.catShapes, NLS.bind(Messages.inputShape, i) + call, ins.get(i).toString());
            }
            List<TensorShape> outs = nodes.get(n).outputShapes();
            for (int i = 0; i < outs.size(); i++) {
                p.add(Messages.catShapes, NLS.bind(Messages.outputShape, i) + call, outs.get(i).toString());
            }
        }
        p.add(Messages.catParams, Messages.paramsTrainable, count(layer.trainableParams()));
        p.add(Messages.catParams, Messages.paramsNonTrainable, count(layer.nonTrainableParams()));
        p.add(Messages.catParams, Messages.paramsTotal, count(layer.params()));
        // The weight list itself reads the file's index (waiting for a large archive's walk, which
        // the graph was shown before); the values load only when a row is shown.
        List<WeightRef> weights;
        try {
            weights = layer.weights();
        } catch (UncheckedIOException e) {
            // the walk found the file damaged: the editor is closing and says so
            p.add(Messages.catWeights, Messages.weightsUnreadable, e.getCause().getMessage());
            return p;
        }
        for (WeightRef w : weights) {
            p.add(Messages.catWeights, w.name(), weight(layer.name(), w));
        }
        return p;
    }

    /** @param w a weight @return its shape, type and statistics (computed when first shown) */
    public static IPropertySource weight(WeightRef w) {
        return weight("", w);
    }

    /**
     * @param layer the name of the layer holding it
     * @param w     a weight
     * @return its shape, type and statistics (computed when first shown)
     */
    public static IPropertySource weight(String layer, WeightRef w) {
        String dtype = w.dtype().orElse(Messages.notNumbers);
        PropertyList p = new WeightProperties(shape(w.shape()) + " " + dtype, layer, w);
        p.add(Messages.catWeights, Messages.shape, shape(w.shape()));
        p.add(Messages.catWeights, Messages.dtype, dtype);
        p.add(Messages.catWeights, Messages.min, () -> stat(w, s -> number(s.min())));
        p.add(Messages.catWeights, Messages.max, () -> stat(w, s -> number(s.max())));
        p.add(Messages.catWeights, Messages.mean, () -> stat(w, s -> number(s.mean())));
        p.add(Messages.catWeights, Messages.std, () -> stat(w, s -> number(s.std())));
        p.add(Messages.catWeights, Messages.sparsity,
                () -> stat(w, s -> String.format(Locale.ROOT, "%.2f %%", 100 * s.sparsity())));
        p.add(Messages.catWeights, Messages.nonFinite, () -> stat(w, s -> Long.toString(s.nonFinite())));
        return p;
    }

    /** @param model the open model @return its file, format, Keras version and parameter totals */
    public static IPropertySource model(OpenModel model) {
        ModelGraph g = model.graph();
        ModelMetadata m = g.metadata();
        PropertyList p = new PropertyList(model.fileName());
        p.add(Messages.catModel, Messages.file, model.file().toString());
        p.add(Messages.catModel, Messages.name, g.name());
        p.add(Messages.catModel, Messages.kerasClass, g.kerasClass());
        p.add(Messages.catModel, Messages.kind, g.kind().name().toLowerCase(Locale.ROOT));
        p.add(Messages.catModel, Messages.format, m.format() == null ? Messages.unknown : m.format().name());
        p.add(Messages.catModel, Messages.formatDetail, m.formatDetail());
        p.add(Messages.catModel, Messages.kerasVersion, m.kerasVersion() == null ? Messages.unknown : m.kerasVersion());
        p.add(Messages.catModel, Messages.backend, m.backend() == null ? Messages.unknown : m.backend());
        p.add(Messages.catModel, Messages.dialect, "Keras " + m.kerasMajor());
        p.add(Messages.catModel, Messages.layers, Integer.toString(g.layers().size()));
        p.add(Messages.catModel, Messages.allLayers, Integer.toString(g.allLayers().size()));
        p.add(Messages.catModel, Messages.modelInputs, g.inputShapes().toString());
        p.add(Messages.catModel, Messages.modelOutputs, g.outputShapes().toString());
        boolean exact = g.paramsKnown();
        p.add(Messages.catParams, Messages.paramsTrainable, total(g.trainableParams(), exact));
        p.add(Messages.catParams, Messages.paramsNonTrainable, total(g.nonTrainableParams(), exact));
        p.add(Messages.catParams, Messages.paramsTotal, total(g.totalParams(), exact));
        return p;
    }

    private static String stat(WeightRef w, Function<WeightStats, String> f) {
        WeightStatsCache.Entry e = WeightStatsCache.get(w);
        if (e == null) {
            return Messages.computing;
        }
        return e.stats() == null ? NLS.bind(Messages.loadFailed, e.error()) : f.apply(e.stats());
    }

    private static String count(long n) {
        return n < 0 ? Messages.unknown : String.format(Locale.ROOT, "%,d", n);
    }

    private static String total(long n, boolean exact) {
        String s = String.format(Locale.ROOT, "%,d", n);
        return exact ? s : NLS.bind(Messages.paramsLowerBound, s);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String shape(int[] dims) {
        return Arrays.toString(dims).replace('[', '(').replace(']', ')');
    }

    /** Config values are plain JSON values; nested objects print compactly, long ones cut. */
    static String configText(Object v) {
        String s;
        if (v instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
            Object cfg = m.get("config");
            s = cls + (cfg instanceof Map<?, ?> c && !c.isEmpty() ? " " + c : "");
        } else {
            s = String.valueOf(v);
        }
        return s.length() > 300 ? s.substring(0, 299) + "…" : s;
    }
}
