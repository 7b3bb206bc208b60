package org.convscope.core.io.internal.hdf5;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.WeightRef;
import org.convscope.core.io.internal.Guard;
import org.convscope.core.io.internal.KerasConfigs;
import org.convscope.core.io.internal.KerasConfigs.LayerEntry;
import org.convscope.core.io.internal.PathWeightStore;
import org.convscope.core.text.MessageBundles;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * The Keras 3 weight layout of {@code model.weights.h5} in a {@code .keras} archive and of
 * {@code .weights.h5}: each layer is a group {@code layers/<snake_class>[_N]} whose
 * {@code vars} group holds datasets {@code 0}, {@code 1}, ... in Keras's order; a nested model
 * has its own {@code layers} group inside. The group keys come from the class, not the layer
 * name; Keras 3.15 writes the layer name as attribute {@code name} on each {@code vars} group, and
 * for older files the name is found by counting classes through the model config as Keras does.
 */
final class V3Layout {

    private static final int MAX_DEPTH = 32;

    private final H5Context ctx;
    private final PathWeightStore store;
    /** Hard links can make a group its own descendant; each group is read once. */
    private final Set<Long> visited = new HashSet<>();

    private V3Layout(H5Context ctx) {
        this.ctx = ctx;
        this.store = new PathWeightStore(ctx.open());
    }

    /** @return whether {@code root} has this layout */
    static boolean isPresent(H5Context ctx, Group root) throws IOException {
        return Guard.run(ctx.file(), ctx.damaged(), Messages.rootGroup,
                () -> root.getChildren().get("layers") instanceof Group
                        || root.getChildren().get("vars") instanceof Group);
    }

    /**
     * @param config the model config used to name layers when the file does not, or null
     */
    static PathWeightStore read(H5Context ctx, Group root, Object config) throws IOException {
        return read(ctx, root, () -> config);
    }

    /**
     * @param config gives the model config used to name layers when the file does not (or null);
     *               asked only then, so that the walk can run while the config is still being
     *               parsed
     */
    static PathWeightStore read(H5Context ctx, Group root, Supplier<Object> config) throws IOException {
        V3Layout walk = new V3Layout(ctx);
        walk.collect(root, List.of(), config, 0);
        return walk.store;
    }

    /** Collects the layers below saveable {@code group} (a model or a layer). */
    private void collect(Group group, List<String> path, Supplier<Object> config, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new ModelFormatException(ctx.file(),
                    ctx.prefix() + MessageBundles.bind(Messages.weightGroupsTooDeep, MAX_DEPTH, group.getPath()));
        }
        Supplier<Map<String, LayerEntry>> byKey = once(() -> KerasConfigs.bySaveKey(config.get()));
        for (Map.Entry<String, Node> child : children(ctx, group)) {
            String key = child.getKey();
            if (key.equals("vars") || depth == 0 && key.equals("optimizer") || !(child.getValue() instanceof Group g)) {
                continue;
            }
            if (children(ctx, g).stream().anyMatch(e -> e.getKey().equals("vars"))) {
                // A layer held in an attribute of its parent (e.g. the dense parts of attention).
                layer(g, key, () -> null, path, depth);
            } else {
                for (Map.Entry<String, Node> member : children(ctx, g)) {
                    if (member.getValue() instanceof Group layerGroup) {
                        String memberKey = member.getKey();
                        layer(layerGroup, memberKey, once(() -> byKey.get().get(memberKey)), path, depth);
                    }
                }
            }
        }
    }

    private void layer(Group group, String key, Supplier<LayerEntry> entry, List<String> parent, int depth)
            throws IOException {
        if (!visited.add(group.getAddress())) {
            return;
        }
        Node vars = Guard.run(ctx.file(), ctx.damaged(), () -> MessageBundles.bind(Messages.group, group.getPath()),
                () -> group.getChildren().get("vars"));
        String name = vars instanceof Group v ? H5Attrs.string(ctx, v, "name") : null;
        if (name == null) {
            LayerEntry e = entry.get();
            name = e != null ? e.name() : key;
        }
        List<String> path = new ArrayList<>(parent);
        path.add(name);
        if (vars instanceof Group v) {
            store.add(path, variables(ctx, v));
        }
        collect(group, path, () -> {
            LayerEntry e = entry.get();
            return e == null ? null : e.entry();
        }, depth + 1);
    }

    /** @return {@code value}, computed at its first use and kept (the walk is one thread) */
    private static <T> Supplier<T> once(Supplier<T> value) {
        return new Supplier<>() {

            private boolean done;
            private T kept;

            @Override
            public T get() {
                if (!done) {
                    kept = value.get();
                    done = true;
                }
                return kept;
            }
        };
    }

    private static List<WeightRef> variables(H5Context ctx, Group vars) throws IOException {
        List<Map.Entry<String, Node>> entries = new ArrayList<>(children(ctx, vars));
        entries.sort(Comparator.comparing((Map.Entry<String, Node> e) -> index(e.getKey()))
                .thenComparing(Map.Entry::getKey));
        List<WeightRef> refs = new ArrayList<>();
        for (Map.Entry<String, Node> e : entries) {
            if (e.getValue() instanceof Dataset ds) {
                refs.add(H5Weights.ref(ctx, e.getKey(), ds));
            }
        }
        return refs;
    }

    private static long index(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException notAnIndex) {
            return Long.MAX_VALUE;
        }
    }

    private static List<Map.Entry<String, Node>> children(H5Context ctx, Group group) throws IOException {
        return Guard.run(ctx.file(), ctx.damaged(), () -> MessageBundles.bind(Messages.group, group.getPath()), () -> {
            List<Map.Entry<String, Node>> out = new ArrayList<>();
            for (Map.Entry<String, Node> e : group.getChildren().entrySet()) {
                if (!e.getValue().isLink()) {
                    out.add(e);
                }
            }
            return out;
        });
    }
}
