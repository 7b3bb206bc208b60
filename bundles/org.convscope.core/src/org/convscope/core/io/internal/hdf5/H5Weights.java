package org.convscope.core.io.internal.hdf5;

import java.io.IOException;
import java.util.Arrays;

import org.convscope.core.io.ModelFormatException;
import org.convscope.core.io.WeightRef;
import org.convscope.core.io.internal.Guard;
import org.convscope.core.io.internal.Sizes;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;

import io.jhdf.api.Dataset;

/** Makes lazily loaded weights from HDF5 datasets, checking declared sizes first. */
final class H5Weights {

    /** DEFLATE cannot shrink data by more than about 1032:1, so compressed data has this bound. */
    private static final long MAX_COMPRESSION = 1100;

    private H5Weights() {
    }

    /**
     * @param name the weight's short name
     * @param ds   the dataset holding it
     * @return a weight whose shape and size were checked against the limits and the file
     */
    static WeightRef ref(H5Context ctx, String name, Dataset ds) throws IOException {
        String where = ds.getPath();
        return Guard.run(ctx.file(), ctx.damaged(), MessageBundles.bind(Messages.weight, where), () -> {
            int[] shape = ds.getDimensions();
            Class<?> type = ds.getJavaType();
            String dtype = dtype(type);
            long elements = Sizes.elements(ctx.file(), ctx.prefix() + MessageBundles.bind(Messages.weight, where),
                    shape,
                    ctx.limits().maxWeightElements());
            long bytes = Sizes.multiply(elements, elementBytes(type));
            long room = ds.getFilters().isEmpty() ? ctx.dataBytes() : Sizes.multiply(ctx.dataBytes(), MAX_COMPRESSION);
            if (bytes > room) {
                throw new ModelFormatException(ctx.file(), ctx.prefix()
                        + MessageBundles.bind(Messages.weightTooLarge, Arrays.toString(shape), where, bytes,
                                ctx.dataBytes()));
            }
            return new WeightRef(name, shape, dtype, () -> load(ctx, ds, where, shape, dtype, elements));
        });
    }

    private static Tensor load(H5Context ctx, Dataset ds, String where, int[] shape, String dtype, long elements)
            throws IOException {
        ctx.open().checkOpen();
        if (!dtype.startsWith("float") && !dtype.startsWith("int") && !dtype.startsWith("uint")) {
            throw new ModelFormatException(ctx.file(),
                    ctx.prefix() + MessageBundles.bind(Messages.weightNotNumbers, where, dtype));
        }
        Sizes.checkHeap(ctx.file(), ctx.prefix() + MessageBundles.bind(Messages.weight, where), elements);
        return Guard.run(ctx.file(), ctx.damaged(), MessageBundles.bind(Messages.dataOfWeight, where), () -> {
            float[] values;
            try (Prefetch ahead = Prefetch.start(ctx.onDisk(), ctx.base(), ds,
                    elements * elementBytes(ds.getJavaType()))) {
                values = Sizes.toFloats(ds.getDataFlat());
            }
            if (values == null || values.length != elements) {
                throw new ModelFormatException(ctx.file(), values == null
                        ? MessageBundles.bind(Messages.weightGaveNoNumbers, ctx.damaged(), where,
                                Arrays.toString(shape))
                        : MessageBundles.bind(Messages.weightGaveValues, ctx.damaged(), where, values.length,
                                Arrays.toString(shape)));
            }
            return new Tensor(values, shape);
        });
    }

    /*
     * Only jhdf's io.jhdf and io.jhdf.api packages are exported by its bundle (its manifest names
     * the others with wildcards, which OSGi does not expand), so the element type is read through
     * the Java type jhdf maps it to rather than through its datatype classes.
     */

    /** @return numpy's name for the Java type jhdf reads a dataset's elements as */
    static String dtype(Class<?> type) {
        if (type == float.class || type == Float.class) {
            return "float32";
        }
        if (type == double.class || type == Double.class) {
            return "float64";
        }
        if (type == byte.class || type == Byte.class) {
            return "int8";
        }
        if (type == short.class || type == Short.class) {
            return "int16";
        }
        if (type == int.class || type == Integer.class) {
            return "int32";
        }
        if (type == long.class || type == Long.class) {
            return "int64";
        }
        return type == null ? "unknown" : type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return bytes per element of {@code type}; 1 for a type that is not a number */
    private static int elementBytes(Class<?> type) {
        if (type == double.class || type == long.class || type == Double.class || type == Long.class) {
            return 8;
        }
        if (type == float.class || type == int.class || type == Float.class || type == Integer.class) {
            return 4;
        }
        if (type == short.class || type == Short.class) {
            return 2;
        }
        return 1;
    }
}
