package org.convscope.ui.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
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
 * nested model, a block inside a {@code /} block); every layer has a chain of them. A level (the
 * model, or a group) that would still show more than {@link #MAX_ITEMS} boxes, a long chain with
 * no names to group by, is split into runs of consecutive layers and groups ({@link Kind#CHUNK}),
 * so that no level of the graph is larger than a layout can place at once. Needs no display.
 */
public final class GraphGroups {

    /** Models with more layers than this open with every group folded. */
    public static final int FOLD_ABOVE = 200;

    /** What a group is. */
    public enum Kind {
        /** A nested model: a layer holding a model. */
        MODEL,
        /** A block inferred from layer names. */
        BLOCK,
        /** A run of consecutive layers and groups of a level too large to show at once. */
        CHUNK
    }

    /** A level with more layers and groups directly in it than this is split into chunks. */
    public static final int MAX_ITEMS = 500;
    /** How many chunks a level too large is split into, at most. */
    private static final int CHUNKS = 100;

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
    private static final String CHUNK = "chunk:";

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
        int count = addModel(graph, null, "", blocks, groups, owner);
        if (blocks) {
            chunk(graph, groups, owner);
        }
        Map<String, Integer> sizes = new HashMap<>();
        for (String layer : owner.keySet()) {
            for (String g = owner.get(layer); g != null; g = groups.get(g).parent()) {
                sizes.merge(g, 1, Integer::sum);
            }
        }
        // outer groups first: a chunk made after the groups it holds goes before them
        List<Group> ordered = new ArrayList<>(groups.values());
        Map<String, Integer> depth = new HashMap<>();
        for (Group g : ordered) {
            int d = 0;
            for (String p = g.parent(); p != null; p = groups.get(p).parent()) {
                d++;
            }
            depth.put(g.id(), d);
        }
        ordered.sort((a, b) -> Integer.compare(depth.get(a.id()), depth.get(b.id())));
        Map<String, Group> sized = new LinkedHashMap<>();
        for (Group g : ordered) {
            sized.put(g.id(),
                    new Group(g.id(), g.kind(), g.name(), g.parent(), g.layer(), sizes.getOrDefault(g.id(), 0)));
        }
        return new GraphGroups(sized, owner, count);
    }

    /** @return the number of layers counted, nested ones included */
    private static int addModel(ModelGraph model, String parent, String prefix, boolean blocks,
            Map<String, Group> groups, Map<String, String> owner) {
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
            if (layer.model().isPresent()) {
                groups.put(layer.id(), new Group(layer.id(), Kind.MODEL, layer.name(), in, layer, 0));
                count += addModel(layer.model().get(), layer.id(), layer.id() + "/", blocks, groups, owner);
            }
        }
        return count;
    }

    /**
     * Splits every level with more than {@link #MAX_ITEMS} layers and groups directly in it into
     * at most {@link #CHUNKS} runs of them, in model order, and each run still too large again.
     */
    private static void chunk(ModelGraph graph, Map<String, Group> groups, Map<String, String> owner) {
        // each level's items (its own layers and the groups directly in it), in the order of their first layer
        Map<String, List<String>> items = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Layer layer : graph.allLayers()) {
            List<String> chain = new ArrayList<>();
            for (String g = owner.get(layer.id()); g != null; g = groups.get(g).parent()) {
                chain.add(0, g);
            }
            String level = null;
            for (String g : chain) {
                if (seen.add(g)) {
                    items.computeIfAbsent(level, k -> new ArrayList<>()).add(g);
                    names.put(g, groups.get(g).name());
                }
                level = g;
            }
            if (seen.add(layer.id())) {
                items.computeIfAbsent(level, k -> new ArrayList<>()).add(layer.id());
                names.put(layer.id(), layer.name());
            }
        }
        for (Map.Entry<String, List<String>> level : items.entrySet()) {
            split(level.getKey(), level.getValue(), groups, owner, names);
        }
    }

    private static void split(String level, List<String> members, Map<String, Group> groups,
            Map<String, String> owner, Map<String, String> names) {
        if (members.size() <= MAX_ITEMS) {
            return;
        }
        int size = (members.size() + CHUNKS - 1) / CHUNKS;
        for (int from = 0, k = 1; from < members.size(); from += size, k++) {
            List<String> run = members.subList(from, Math.min(members.size(), from + size));
            String id = CHUNK + (level == null ? "" : level + "/") + k;
            String name = names.get(run.get(0)) + " \u2026 " + names.get(run.get(run.size() - 1));
            groups.put(id, new Group(id, Kind.CHUNK, name, level, null, 0));
            names.put(id, name);
            for (String item : run) {
                Group g = groups.get(item);
                if (g != null) {
                    groups.put(item, new Group(g.id(), g.kind(), g.name(), id, g.layer(), 0));
                }
                // a nested model's layer is a group and a layer in the level alike
                if (owner.containsKey(item)) {
                    owner.put(item, id);
                }
            }
            split(id, new ArrayList<>(run), groups, owner, names);
        }
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
