package org.convscope.core.summary;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.InboundRef;
import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.Node;
import org.convscope.core.model.TensorShape;

/**
 * The rows Keras lists for a model: every layer, except that a Sequential model hides its input
 * layer; each row's output shape is that of the layer's last call, as Keras prints it.
 */
final class SummaryRows {

    /**
     * @param layer    the layer
     * @param inbound  the names of the layers feeding it, in call order
     * @param connections Keras's {@code name[node][tensor]} notation of the same
     */
    record Row(Layer layer, List<String> inbound, List<String> connections) {
    }

    private SummaryRows() {
    }

    static List<Row> of(ModelGraph g) {
        List<Row> rows = new ArrayList<>();
        boolean sequential = g.kind() == ModelGraph.Kind.SEQUENTIAL;
        String previous = null;
        for (Layer l : g.layers()) {
            if (sequential && l.category() == LayerCategory.INPUT) {
                continue;
            }
            List<String> inbound = new ArrayList<>();
            List<String> connections = new ArrayList<>();
            if (sequential) {
                if (previous != null) {
                    inbound.add(previous);
                }
            } else {
                for (Node n : l.nodes()) {
                    for (InboundRef r : n.inbound()) {
                        inbound.add(r.layer());
                        connections.add(r.toString());
                    }
                }
            }
            previous = l.name();
            rows.add(new Row(l, inbound, connections));
        }
        return rows;
    }

    /** @return the output shapes of the layer's last call, as Keras's summary shows them */
    static List<TensorShape> lastOutputShapes(Layer l) {
        List<Node> nodes = l.nodes();
        return nodes.isEmpty() ? List.of() : nodes.get(nodes.size() - 1).outputShapes();
    }
}
