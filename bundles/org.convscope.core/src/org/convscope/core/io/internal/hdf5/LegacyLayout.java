package org.convscope.core.io.internal.hdf5;

import java.io.IOException;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.internal.Guard;
import org.convscope.core.io.internal.NamedWeightStore;
import org.convscope.core.text.MessageBundles;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * The weight layout of Keras 1 and 2 HDF5 files and Keras 3 legacy {@code .h5}: a group (root
 * or {@code model_weights}) lists {@code layer_names}; each layer's group lists
 * {@code weight_names}, which are dataset paths relative to it ({@code conv1/kernel:0} in
 * Keras 2, {@code conv1/kernel} in Keras 3, {@code dense_1_W} in Keras 1), in Keras's order.
 */
final class LegacyLayout {

    private LegacyLayout() {
    }

    /** @return whether {@code group} has this layout */
    static boolean isPresent(H5Context ctx, Group group) throws IOException {
        return Guard.run(ctx.file(), ctx.damaged(), () -> MessageBundles.bind(Messages.attributesOf, group.getPath()),
                () -> group.getAttributes().containsKey("layer_names")
                        || group.getAttributes().containsKey("layer_names0"));
    }

    static NamedWeightStore read(H5Context ctx, Group group) throws IOException {
        NamedWeightStore store = new NamedWeightStore(ctx.open());
        for (String layer : H5Attrs.strings(ctx, group, "layer_names")) {
            store.addLayer(layer);
            Node node = child(ctx, group, layer);
            if (!(node instanceof Group layerGroup)) {
                throw new ModelFormatException(ctx.file(),
                        ctx.prefix() + MessageBundles.bind(Messages.layerWithoutWeightGroup, layer, group.getPath()));
            }
            for (String weight : H5Attrs.strings(ctx, layerGroup, "weight_names")) {
                Node data = Guard.run(ctx.file(), ctx.damaged(),
                        MessageBundles.bind(Messages.weightOfLayer, weight, layer),
                        () -> resolve(layerGroup, weight));
                if (!(data instanceof Dataset ds)) {
                    throw new ModelFormatException(ctx.file(),
                            ctx.prefix() + MessageBundles.bind(Messages.weightMissing, weight, layer));
                }
                store.add(layer, weight, H5Weights.ref(ctx, NamedWeightStore.shortName(weight), ds));
            }
        }
        return store;
    }

    /**
     * Follows a relative path, giving null where a part is missing; jhdf's own lookup signals that
     * with an exception type its OSGi bundle does not export.
     */
    private static Node resolve(Group group, String path) {
        Node node = group;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group g)) {
                return null;
            }
            node = g.getChildren().get(part);
        }
        return node == group ? null : node;
    }

    private static Node child(H5Context ctx, Group group, String name) throws IOException {
        return Guard.run(ctx.file(), ctx.damaged(), MessageBundles.bind(Messages.group, name),
                () -> group.getChildren().get(name));
    }
}
