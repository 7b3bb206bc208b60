package org.convscope.core.summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.json.Json;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.Node;
import org.convscope.core.model.TensorShape;

/**
 * A model summary as JSON:
 * {@code {"name","class","format","format_detail","keras_version","backend","layers":[{"name","class","output_shape","params",
 * "trainable_params","inbound":[...]}],"total_params","trainable_params","non_trainable_params"}}.
 * A shape is a list with {@code null} for unfixed dimensions, {@code null} when unknown, a list
 * of such lists for a layer with several outputs. A nested model's entry holds its own
 * {@code "layers"}; a layer called more than once has {@code "node_output_shapes"}. Unknown
 * parameter counts are {@code null}.
 */
public final class SummaryJson {

    private SummaryJson() {
    }

    /**
     * @param g a model
     * @return the summary as plain JSON values (ordered maps and lists)
     */
    public static Map<String, Object> of(ModelGraph g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", g.name().isEmpty() ? null : g.name());
        out.put("class", g.kerasClass());
        out.put("format", g.metadata().format() == null ? null : g.metadata().format().name());
        out.put("format_detail", g.metadata().formatDetail());
        out.put("keras_version", g.metadata().kerasVersion());
        out.put("backend", g.metadata().backend());
        out.put("layers", layers(g));
        boolean known = g.paramsKnown();
        out.put("total_params", known ? g.totalParams() : null);
        out.put("trainable_params", known ? g.trainableParams() : null);
        out.put("non_trainable_params", known ? g.nonTrainableParams() : null);
        return out;
    }

    /**
     * @param g      a model
     * @param pretty indent the text
     * @return the summary as JSON text
     */
    public static String text(ModelGraph g, boolean pretty) {
        return Json.write(of(g), pretty);
    }

    private static List<Object> layers(ModelGraph g) {
        List<Object> out = new ArrayList<>();
        for (SummaryRows.Row row : SummaryRows.of(g)) {
            Layer l = row.layer();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", l.name());
            e.put("class", l.kerasClass());
            e.put("output_shape", shapes(SummaryRows.lastOutputShapes(l)));
            e.put("params", l.params() < 0 ? null : l.params());
            e.put("trainable_params", l.params() < 0 ? null : l.trainableParams());
            e.put("inbound", row.inbound());
            if (l.nodes().size() > 1) {
                List<Object> perNode = new ArrayList<>();
                for (Node n : l.nodes()) {
                    perNode.add(shape(n.outputShape()));
                }
                e.put("node_output_shapes", perNode);
            }
            l.problem().ifPresent(p -> e.put("problem", p));
            l.model().ifPresent(m -> e.put("layers", layers(m)));
            out.add(e);
        }
        return out;
    }

    private static Object shapes(List<TensorShape> shapes) {
        if (shapes.size() == 1) {
            return shape(shapes.get(0));
        }
        List<Object> out = new ArrayList<>();
        for (TensorShape s : shapes) {
            out.add(shape(s));
        }
        return out;
    }

    /**
     * @param s a shape
     * @return its dimensions as a list ({@code null} for unfixed), or {@code null} if unknown
     */
    static Object shape(TensorShape s) {
        return s.isKnown() ? s.dims() : null;
    }
}
