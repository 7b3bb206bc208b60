package org.convscope.core.io.internal.tfjs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.ReadLimits;
import org.convscope.core.io.internal.Sizes;
import org.convscope.core.text.MessageBundles;

/** One weight entry of a TensorFlow.js weights manifest, checked. */
final class Spec {

    private static final List<String> DTYPES = List.of("float32", "int32", "bool");
    private static final List<String> QUANTIZED = List.of("uint8", "uint16", "float16");

    final String name;
    final int[] shape;
    final long elements;
    final String dtype;
    /** The stored type of a quantized weight, or null. */
    final String quantDtype;
    final double scale;
    final double min;
    /** Bytes per stored element. */
    final int width;

    private Spec(String name, int[] shape, long elements, String dtype, String quantDtype, double scale, double min) {
        this.name = name;
        this.shape = shape;
        this.elements = elements;
        this.dtype = dtype;
        this.quantDtype = quantDtype;
        this.scale = scale;
        this.min = min;
        String stored = quantDtype != null ? quantDtype : dtype;
        this.width = switch (stored) {
            case "uint8", "bool" -> 1;
            case "uint16", "float16" -> 2;
            default -> 4;
        };
    }

    /** @return the type the weight has once loaded */
    String reportedDtype() {
        return quantDtype == null ? dtype : "float32";
    }

    static Spec of(Path file, String where, Object entry, ReadLimits limits) throws ModelFormatException {
        if (!(entry instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)
                || !(m.get("shape") instanceof List<?> dims)) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.weightWithoutNameOrShape, where));
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new ModelFormatException(file, MessageBundles.bind(Messages.absurdShape, dims, name, where));
            }
            shape[i] = (int) (long) d;
        }
        long elements = Sizes.elements(file, MessageBundles.bind(Messages.quotedWeight, name), shape,
                limits.maxWeightElements());
        String dtype = m.get("dtype") instanceof String s ? s : "float32";
        Object q = m.get("quantization");
        if (q == null) {
            if (!DTYPES.contains(dtype)) {
                throw new ModelFormatException(file, MessageBundles.bind(Messages.unreadDtype, name, dtype, DTYPES));
            }
            return new Spec(name, shape, elements, dtype, null, 1, 0);
        }
        if (!(q instanceof Map<?, ?> qm) || !(qm.get("dtype") instanceof String qd) || !QUANTIZED.contains(qd)) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.unreadQuantization, name, QUANTIZED));
        }
        if (!qd.equals("float16") && !(qm.get("scale") instanceof Number && qm.get("min") instanceof Number)) {
            throw new ModelFormatException(file, MessageBundles.bind(Messages.quantizationLacksScale, name));
        }
        double scale = qm.get("scale") instanceof Number n ? n.doubleValue() : 1;
        double min = qm.get("min") instanceof Number n ? n.doubleValue() : 0;
        return new Spec(name, shape, elements, dtype, qd, scale, min);
    }
}
