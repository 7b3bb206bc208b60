package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.core.model.Layer;
import org.convscope.core.model.LayerBlocks;
import org.convscope.core.model.LayerBlocks.Block;
import org.convscope.core.model.ModelGraph;

/**
 * The groups a model's graph can fold: each nested model, and each block {@link LayerBlocks} infers
 * from the layer names of the top model and of every nested model. Groups nest (a block inside a
 * nested model, a block inside a {@code /} block); every layer has a chain of them. Needs no
 * display.
 */
public final class GraphGroups {

    /** Models with more layers than this open with every group folded. */
    public static final int FOLD_ABOVE = 200;

    /** What a group is. */
    public enum Kind {
        /** A nested model: a layer holding a model. */
        MODEL,
        /** A block inferred from layer names. */
        BLOCK
    }

    /**
     * One group.
     *
     * @param id     unique among groups and layer ids: a nested model's layer id, or
     *               {@code block:} and the block's path
     * @param kind   what it is
     * @param name   the nested model's layer name, or the block name
     * @param parent the id of the group around it, or null
     * @param layer  the nested model's layer, or null for a block
     * @param layers how many layers it holds, at any depth
     */
    public record Group(String id, Kind kind, String name, String parent, Layer layer, int layers) {
    }

    private static final String BLOCK = "block:";

    private final Map<String, Group> groups;
    /** Per layer id, the id of the innermost group holding it. */
    private final Map<String, String> owner;
    private final int layerCount;

    private GraphGroups(Map<String, Group> groups, Map<String, String> owner, int layerCount) {
        this.groups = Collections.unmodifiableMap(groups);
        this.owner = owner;
        this.layerCount = layerCount;
    }

    /**
     * @param graph a model
     * @return its nested models and inferred blocks
     */
    public static GraphGroups of(ModelGraph graph) {
        return build(graph, true);
    }

    /**
     * @param graph a model
     * @return its nested models only, no inferred blocks
     */
    public static GraphGroups nestedModels(ModelGraph graph) {
        return build(graph, false);
    }

    private static GraphGroups build(ModelGraph graph, boolean blocks) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, String> owner = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        int count = addModel(graph, null, "", blocks, groups, owner, sizes);
        Map<String, Group> sized = new LinkedHashMap<>();
        groups.forEach((id, g) -> sized.put(id,
                new Group(id, g.kind(), g.name(), g.parent(), g.layer(), sizes.getOrDefault(id, 0))));
        return new GraphGroups(sized, owner, count);
    }

    /** @return the number of layers counted, nested ones included */
    private static int addModel(ModelGraph model, String parent, String prefix, boolean blocks,
            Map<String, Group> groups, Map<String, String> owner, Map<String, Integer> sizes) {
        Map<String, String> blockOf = new HashMap<>();
        if (blocks) {
            for (Block b : LayerBlocks.of(model)) {
                String id = BLOCK + prefix + b.name();
                String up = b.parent() == null ? parent : BLOCK + prefix + b.parent();
                groups.put(id, new Group(id, Kind.BLOCK, b.name(), up, null, 0));
                b.layers().forEach(l -> blockOf.put(l, id));
            }
        }
        int count = 0;
        for (Layer layer : model.layers()) {
            String in = blockOf.getOrDefault(layer.name(), parent);
            owner.put(layer.id(), in);
            count++;
            for (String g = in; g != null; g = groups.get(g).parent()) {
                sizes.merge(g, 1, Integer::sum);
            }
            if (layer.model().isPresent()) {
                groups.put(layer.id(), new Group(layer.id(), Kind.MODEL, layer.name(), in, layer, 0));
                int inner = addModel(layer.model().get(), layer.id(), layer.id() + "/", blocks, groups, owner,
                        sizes);
                count += inner;
                for (String g = in; g != null; g = groups.get(g).parent()) {
                    sizes.merge(g, inner, Integer::sum);
                }
                sizes.merge(layer.id(), inner, Integer::sum);
            }
        }
        return count;
    }

    /** @return every group, outer ones before the groups inside them */
    public List<Group> all() {
        return List.copyOf(groups.values());
    }

    /** @param id a group id @return the group, or null */
    public Group group(String id) {
        return groups.get(id);
    }

    /** @param layerId a layer id @return the id of the innermost group holding it, or null */
    public String groupOf(String layerId) {
        return owner.get(layerId);
    }

    /**
     * @param layerId a layer id
     * @return the ids of the groups holding it, outermost first (a nested model's own layer is not
     *         in its own group)
     */
    public List<String> chain(String layerId) {
        List<String> chain = new ArrayList<>();
        for (String g = owner.get(layerId); g != null; g = groups.get(g).parent()) {
            chain.add(0, g);
        }
        return chain;
    }

    /** @return how many layers the model has, nested ones included */
    public int layerCount() {
        return layerCount;
    }

    /**
     * @return the groups folded when the model opens: nested models always, blocks too when the
     *         model has more than {@link #FOLD_ABOVE} layers
     */
    public Set<String> foldedAtOpen() {
        Set<String> folded = new LinkedHashSet<>();
        for (Group g : groups.values()) {
            if (g.kind() == Kind.MODEL || layerCount > FOLD_ABOVE) {
                folded.add(g.id());
            }
        }
        return folded;
    }

    /** @return every group id */
    public Set<String> ids() {
        return new LinkedHashSet<>(groups.keySet());
    }
}
