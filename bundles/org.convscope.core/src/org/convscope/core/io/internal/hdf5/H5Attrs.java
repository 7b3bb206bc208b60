package org.convscope.core.io.internal.hdf5;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.internal.Guard;
import org.convscope.core.text.MessageBundles;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;

/**
 * Reads the string attributes Keras writes. Keras splits an attribute too large for an HDF5
 * object header into {@code name0}, {@code name1}, ...; the parts are joined back here.
 */
final class H5Attrs {

    private H5Attrs() {
    }

    /** @return the attribute as one string (parts and array elements joined), or null if absent */
    static String string(H5Context ctx, Node node, String name) throws IOException {
        List<String> values = values(ctx, node, name);
        return values == null ? null : String.join("", values);
    }

    /** @return the attribute as a list of strings, empty if absent */
    static List<String> strings(H5Context ctx, Node node, String name) throws IOException {
        List<String> values = values(ctx, node, name);
        return values == null ? List.of() : values;
    }

    private static List<String> values(H5Context ctx, Node node, String name) throws IOException {
        return Guard.run(ctx.file(), ctx.damaged(),
                () -> MessageBundles.bind(Messages.attributeOf, name, node.getPath()),
                () -> {
                    Map<String, Attribute> attributes = node.getAttributes();
                    Attribute whole = attributes.get(name);
                    String fast = whole == null || ctx.heaps() == null ? null : ctx.heaps().string(whole);
                    if (fast != null) {
                        return List.of(fast);
                    }
                    if (whole != null) {
                        return toStrings(ctx, node, name, whole);
                    }
                    List<String> parts = null;
                    for (int i = 0; attributes.containsKey(name + i); i++) {
                        if (parts == null) {
                            parts = new ArrayList<>();
                        }
                        parts.addAll(toStrings(ctx, node, name + i, attributes.get(name + i)));
                    }
                    return parts;
                });
    }

    private static List<String> toStrings(H5Context ctx, Node node, String name, Attribute attribute)
            throws ModelFormatException {
        List<String> out = new ArrayList<>();
        // Keras writes an empty list as an empty float64 array, which jhdf reads as no data.
        if (attribute.isEmpty() || attribute.getSize() == 0) {
            return out;
        }
        if (attribute.getSizeInBytes() > ctx.dataBytes()) {
            throw new ModelFormatException(ctx.file(),
                    MessageBundles.bind(Messages.attributeTooLarge, ctx.damaged(), name,
                            node.getPath(), attribute.getSizeInBytes()));
        }
        Object data = attribute.getData();
        if (data instanceof String s) {
            out.add(s);
        } else if (data instanceof byte[] bytes) {
            out.add(new String(bytes, StandardCharsets.UTF_8));
        } else if (data != null && data.getClass().isArray()) {
            int n = Array.getLength(data);
            for (int i = 0; i < n; i++) {
                Object element = Array.get(data, i);
                if (element instanceof String s) {
                    out.add(s);
                } else {
                    throw notText(ctx, node, name, element);
                }
            }
        } else {
            throw notText(ctx, node, name, data);
        }
        return out;
    }

    private static ModelFormatException notText(H5Context ctx, Node node, String name, Object data) {
        String problem = data == null
                ? MessageBundles.bind(Messages.attributeHoldsNothing, name, node.getPath())
                : MessageBundles.bind(Messages.attributeNotText, name, node.getPath(), data.getClass().getSimpleName());
        return new ModelFormatException(ctx.file(), ctx.prefix() + problem);
    }
}
