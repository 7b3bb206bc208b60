package org.convscope.engine.analysis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.LayerNames;

/**
 * Which layers an analysis offers and which one a name or a default means, from the graph model
 * alone (no engine work, so a view can fill its pickers at once), through {@link LayerNames}: a
 * nested model's name means its output, as in Keras.
 */
public final class AnalysisLayers {

    /**
     * Layer kinds that are not conv-like: Grad-CAM never explains one. A nested model is, when its
     * output is.
     */
    private static final Set<LayerCategory> NOT_CONV_LIKE = EnumSet.of(LayerCategory.POOL, LayerCategory.SHAPE,
            LayerCategory.DROPOUT, LayerCategory.INPUT, LayerCategory.UNKNOWN);

    /**
     * A layer to show.
     *
     * @param name what the person named, and what rows and files are called
     * @param node the engine node that computes it
     */
    public record Chosen(String name, String node) {
    }

    private final ModelGraph graph;
    private final LayerNames names;

    private AnalysisLayers(ModelGraph graph) {
        this.graph = graph;
        this.names = LayerNames.of(graph);
    }

    /** @return the layers of {@code graph} */
    public static AnalysisLayers of(ModelGraph graph) {
        return new AnalysisLayers(graph);
    }

    /** @return the names a person may give */
    public LayerNames names() {
        return names;
    }

    /** @return the node computing the model's first output (the class scores of a classifier) */
    public String scoreNode() {
        return names.outputNodes().get(0);
    }

    /**
     * Layers to run, as named: a nested model with several outputs gives one per output; no name, or
     * {@code all}, gives every layer that computes something (not inputs), once.
     *
     * @throws org.convscope.engine.NoSuchLayerException for a name the model does not have
     */
    public List<Chosen> chosen(List<String> asked) {
        if (asked.isEmpty() || asked.equals(List.of("all"))) {
            Map<String, Layer> byId = new LinkedHashMap<>();
            for (var step : graph.flatten().steps()) {
                byId.putIfAbsent(step.layer().id(), step.layer());
            }
            return byId.values().stream().filter(l -> l.category() != LayerCategory.INPUT)
                    .map(l -> new Chosen(l.id(), l.id())).toList();
        }
        List<Chosen> chosen = new ArrayList<>();
        for (String n : asked) {
            List<String> nodes = names.nodes(n);
            if (nodes.size() == 1) {
                chosen.add(new Chosen(n, nodes.get(0)));
            } else {
                nodes.forEach(node -> chosen.add(new Chosen(node, node)));
            }
        }
        return chosen;
    }

    /**
     * @return layer id → the node computing its output, for every layer of the graph (nested models
     *         too) with one output tensor, in the graph's order
     */
    public Map<String, String> singleOutputNodes() {
        Map<String, String> nodes = new LinkedHashMap<>();
        for (Layer l : graph.allLayers()) {
            if (names.contains(l.id()) && names.nodes(l.id()).size() == 1) {
                nodes.put(l.id(), names.nodes(l.id()).get(0));
            }
        }
        return nodes;
    }

    /**
     * @return why {@code layerId} has no single output: a nested model's several outputs, or the
     *         engine computing none
     */
    public String noOutput(String layerId) {
        if (names.contains(layerId) && names.nodes(layerId).size() > 1) {
            try {
                names.node(layerId);
            } catch (AnalysisException several) {
                return several.getMessage();
            }
        }
        return MessageBundles.bind(Messages.noOutput, layerId);
    }

    /**
     * The layers Grad-CAM explains: conv-like, with one 4-D output of more than one position, in the
     * model's order. The last is the default.
     */
    public List<String> gradCamLayers() {
        List<String> out = new ArrayList<>();
        for (Layer l : graph.allLayers()) {
            List<TensorShape> s = l.outputShapes();
            if (!NOT_CONV_LIKE.contains(l.category()) && s.size() == 1 && s.get(0).rank() == 4 && spatial(s.get(0))
                    && names.contains(l.id()) && names.nodes(l.id()).size() == 1) {
                out.add(l.id());
            }
        }
        return out;
    }

    private static boolean spatial(TensorShape s) {
        Integer h = s.dim(1);
        Integer w = s.dim(2);
        return h == null || w == null || h * w > 1;
    }

    /**
     * @param asked the layer the person named, or null for the default
     * @return the layer Grad-CAM explains: the named one, or the last of {@link #gradCamLayers()}
     * @throws AnalysisException when nothing is named and no layer qualifies
     */
    public String gradCamLayer(String asked) {
        if (asked != null) {
            return asked;
        }
        List<String> layers = gradCamLayers();
        if (layers.isEmpty()) {
            throw new AnalysisException(Messages.noLayerToExplain);
        }
        return layers.get(layers.size() - 1);
    }

    /**
     * @return the layers with filter patterns: a 4-D output with a known channel count, one output
     *         tensor, not an input; in the model's order
     */
    public List<String> filterLayers() {
        List<String> out = new ArrayList<>();
        for (Layer l : graph.allLayers()) {
            if (l.category() != LayerCategory.INPUT && filterCount(l.id()) > 0) {
                out.add(l.id());
            }
        }
        return out;
    }

    /** @return the filter count of {@code layerId} by the graph's shapes, 0 when it has no patterns */
    public int filterCount(String layerId) {
        if (!names.contains(layerId) || names.nodes(layerId).size() != 1) {
            return 0;
        }
        return graph.allLayers().stream().filter(l -> l.id().equals(layerId)).findFirst().map(l -> {
            List<TensorShape> shapes = l.outputShapes();
            return shapes.isEmpty() || shapes.get(0).rank() != 4 || shapes.get(0).dim(3) == null
                    ? 0
                    : shapes.get(0).dim(3);
        }).orElse(0);
    }
}
