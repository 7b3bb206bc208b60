package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;

/** A layer being built: mutable until its shapes and counts are known, then frozen into a {@code Layer}. */
final class LayerDraft {

    final String name;
    final String cls;
    final Map<String, Object> config;
    final Map<String, Object> entry;
    final LayerMapper mapper;
    final List<RawNode> nodes = new ArrayList<>();
    int firstNodeIndex;
    List<List<TensorShape>> inShapes;
    List<List<TensorShape>> outShapes;
    Params params;
    ModelGraph nested;
    String problem;
    /** Place in the model's layer list; shapes are inferred in this order where the graph allows. */
    int rank;
    /** Per call: how many of its inputs are still to be inferred. */
    int[] waiting;
    /** Per call: the calls that read its outputs, or null for none. */
    List<List<GraphBuilder.Call>> readers;

    LayerDraft(String name, String cls, Map<String, Object> config, Map<String, Object> entry, LayerMapper mapper) {
        this.name = name;
        this.cls = cls;
        this.config = config;
        this.entry = entry;
        this.mapper = mapper;
    }
}
