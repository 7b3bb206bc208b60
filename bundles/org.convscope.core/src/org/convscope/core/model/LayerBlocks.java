package org.convscope.core.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of one model's layers, inferred from how Keras names them: what Keras's own
 * applications and most hand-written models share a prefix for. A graph view folds each block into
 * one box; a summary could list them. Rules, tried in this order:
 * <ul>
 * <li>a name with {@code /} lies in the block of each of its leading parts ({@code enc/mlp/dense}
 * in {@code enc} and {@code enc/mlp});</li>
 * <li>the last part names its block by a Keras prefix: {@code conv2_block1_*} (ResNet, DenseNet),
 * {@code block_3_*} (MobileNetV2), {@code block4a_*} (EfficientNet), {@code block1_*} (VGG,
 * Xception), {@code expanded_conv_*} (MobileNetV2's first block);</li>
 * <li>a merge named {@code mixed5} (Inception), whose branches have generic names, heads the block
 * of every layer between it and the layer all its branches start from (its immediate dominator).</li>
 * </ul>
 * A block of fewer than two layers, or of the same layers as the block around it, is no block. The
 * model's own layers are grouped; a nested model's layers are grouped when it is asked in turn.
 */
public final class LayerBlocks {

    /** Keras prefixes that name a block, each with the block name as group 1. */
    private static final List<Pattern> PREFIXES = List.of(Pattern.compile("(conv\\d+_block\\d+)_.+"),
            Pattern.compile("(block_?\\d+[a-z]?)_.+"), Pattern.compile("(expanded_conv)_.+"),
            Pattern.compile("(.*stage_?\\d+_block_?\\d+)_.+"));
    /** Inception's merges, which close a block whose branches have generic names. */
    private static final Pattern MIXED = Pattern.compile("mixed\\d+");

    /**
     * One block.
     *
     * @param name   its name, the prefix its layers share ({@code conv2_block1}, {@code enc/mlp})
     * @param parent the name of the block around it, or null
     * @param layers the names of the layers directly in it (not in a block inside it), in model
     *               order
     */
    public record Block(String name, String parent, List<String> layers) {

        public Block {
            layers = List.copyOf(layers);
        }
    }

    private LayerBlocks() {
    }

    /**
     * @param model a model
     * @return the blocks of its layers, outer before inner and otherwise in the order of their
     *         first layer
     */
    public static List<Block> of(ModelGraph model) {
        Map<String, List<String>> inbound = new LinkedHashMap<>();
        for (Layer l : model.layers()) {
            List<String> sources = new ArrayList<>();
            for (Node n : l.nodes()) {
                for (InboundRef ref : n.inbound()) {
                    if (!sources.contains(ref.layer())) {
                        sources.add(ref.layer());
                    }
                }
            }
            inbound.put(l.name(), sources);
        }
        return of(inbound);
    }

    /**
     * @param inbound each layer's name, in model order, with the names of the layers it reads
     * @return the blocks, as {@link #of(ModelGraph)}
     */
    public static List<Block> of(Map<String, List<String>> inbound) {
        List<String> names = new ArrayList<>(inbound.keySet());
        Map<String, List<String>> chains = new LinkedHashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (String name : names) {
            List<String> chain = prefixes(name);
            chains.put(name, chain);
            chain.forEach(b -> sizes.merge(b, 1, Integer::sum));
        }
        for (List<String> chain : chains.values()) {
            // outer first: an inner block as large as the one around it adds nothing
            for (int i = chain.size() - 1; i >= 0; i--) {
                int size = sizes.get(chain.get(i));
                if (size < 2 || i > 0 && size == sizes.get(chain.get(i - 1))) {
                    chain.remove(i);
                }
            }
        }
        mixedBlocks(names, inbound, chains);

        Map<String, String> parents = new LinkedHashMap<>();
        Map<String, List<String>> members = new HashMap<>();
        for (Map.Entry<String, List<String>> e : chains.entrySet()) {
            List<String> chain = e.getValue();
            for (int i = 0; i < chain.size(); i++) {
                parents.putIfAbsent(chain.get(i), i == 0 ? null : chain.get(i - 1));
                members.computeIfAbsent(chain.get(i), k -> new ArrayList<>());
            }
            if (!chain.isEmpty()) {
                members.get(chain.get(chain.size() - 1)).add(e.getKey());
            }
        }
        List<Block> blocks = new ArrayList<>();
        for (Map.Entry<String, String> e : parents.entrySet()) {
            blocks.add(new Block(e.getKey(), e.getValue(), members.get(e.getKey())));
        }
        // a parent's first layer comes no later than its children's, so a stable sort by depth
        // puts outer blocks first and keeps the order of first layers within a depth
        blocks.sort((a, b) -> Integer.compare(depth(a, parents), depth(b, parents)));
        return blocks;
    }

    /**
     * @param name a layer name
     * @return the blocks its name implies, outer first (before blocks too small are dropped)
     */
    public static List<String> prefixes(String name) {
        List<String> chain = new ArrayList<>();
        String[] parts = name.split("/", -1);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            path.append(i > 0 ? "/" : "").append(parts[i]);
            chain.add(path.toString());
        }
        String last = parts[parts.length - 1];
        for (Pattern p : PREFIXES) {
            Matcher m = p.matcher(last);
            if (m.matches()) {
                chain.add((path.isEmpty() ? "" : path + "/") + m.group(1));
                break;
            }
        }
        return chain;
    }

    private static int depth(Block b, Map<String, String> parents) {
        int d = 0;
        for (String p = b.parent(); p != null; p = parents.get(p)) {
            d++;
        }
        return d;
    }

    /**
     * Inception's blocks: each ungrouped merge named {@code mixedN} takes the ungrouped layers
     * between it and its immediate dominator, the layer every path into it goes through.
     */
    private static void mixedBlocks(List<String> names, Map<String, List<String>> inbound,
            Map<String, List<String>> chains) {
        List<String> anchors = names.stream()
                .filter(n -> MIXED.matcher(n).matches() && chains.get(n).isEmpty()).toList();
        if (anchors.isEmpty()) {
            return;
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> order = topological(names, inbound);
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i), i);
        }
        int[] idom = dominators(order, inbound, index);
        BitSet taken = new BitSet(order.size());
        for (String anchor : anchors) {
            int a = index.get(anchor);
            int stop = idom[a];
            if (stop < 0) {
                continue;
            }
            List<String> block = new ArrayList<>();
            Deque<Integer> todo = new ArrayDeque<>();
            BitSet seen = new BitSet(order.size());
            todo.push(a);
            seen.set(a);
            while (!todo.isEmpty()) {
                int v = todo.pop();
                String name = order.get(v);
                if (taken.get(v) || !chains.get(name).isEmpty()) {
                    continue;
                }
                block.add(name);
                for (String src : inbound.get(name)) {
                    Integer s = index.get(src);
                    if (s != null && s != stop && !seen.get(s)) {
                        seen.set(s);
                        todo.push(s);
                    }
                }
            }
            if (block.size() >= 2) {
                for (String name : block) {
                    taken.set(index.get(name));
                    chains.get(name).add(anchor);
                }
            }
        }
    }

    /** Kahn's order; layers in a cycle (a malformed file) go last in model order. */
    private static List<String> topological(List<String> names, Map<String, List<String>> inbound) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> readers = new HashMap<>();
        for (String n : names) {
            int known = 0;
            for (String src : inbound.get(n)) {
                if (inbound.containsKey(src)) {
                    known++;
                    readers.computeIfAbsent(src, k -> new ArrayList<>()).add(n);
                }
            }
            pending.put(n, known);
        }
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        names.stream().filter(n -> pending.get(n) == 0).forEach(ready::add);
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (String r : readers.getOrDefault(n, List.of())) {
                if (pending.merge(r, -1, Integer::sum) == 0) {
                    ready.add(r);
                }
            }
        }
        if (order.size() < names.size()) {
            names.stream().filter(n -> pending.get(n) > 0).forEach(order::add);
        }
        return order;
    }

    /**
     * Immediate dominators over a topological order (Cooper, Harvey and Kennedy's intersection,
     * which needs one pass on a graph without cycles), with a virtual root above every input.
     *
     * @return per position, the position of the immediate dominator, or -1 for the virtual root
     */
    private static int[] dominators(List<String> order, Map<String, List<String>> inbound,
            Map<String, Integer> index) {
        int[] idom = new int[order.size()];
        for (int v = 0; v < order.size(); v++) {
            int d = -2;
            for (String src : inbound.get(order.get(v))) {
                Integer s = index.get(src);
                if (s == null || s >= v) {
                    continue;
                }
                d = d == -2 ? s : intersect(d, s, idom);
            }
            idom[v] = d == -2 ? -1 : d;
        }
        return idom;
    }

    private static int intersect(int a, int b, int[] idom) {
        while (a != b) {
            if (a < 0 || b < 0) {
                return -1;
            }
            if (a > b) {
                a = idom[a];
            } else {
                b = idom[b];
            }
        }
        return a;
    }
}
