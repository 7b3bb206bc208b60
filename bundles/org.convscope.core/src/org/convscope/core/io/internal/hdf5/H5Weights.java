package org.convscope.core.io.internal.hdf5;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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
            int itemBytes = itemBytes(ds, type);
            Optional<String> dtype = dtype(type, itemBytes);
            long elements = Sizes.elements(ctx.file(), ctx.prefix() + MessageBundles.bind(Messages.weight, where),
                    shape,
                    ctx.limits().maxWeightElements());
            long bytes = Sizes.multiply(elements, itemBytes);
            long room = ds.getFilters().isEmpty() ? ctx.dataBytes() : Sizes.multiply(ctx.dataBytes(), MAX_COMPRESSION);
            if (bytes > room) {
                throw new ModelFormatException(ctx.file(), ctx.prefix()
                        + MessageBundles.bind(Messages.weightTooLarge, Arrays.toString(shape), where, bytes,
                                ctx.dataBytes()));
            }
            if (dtype.isEmpty()) {
                String held = type.getSimpleName().toLowerCase(Locale.ROOT);
                return new WeightRef(name, shape, dtype, () -> {
                    throw new ModelFormatException(ctx.file(),
                            ctx.prefix() + MessageBundles.bind(Messages.weightNotNumbers, where, held));
                });
            }
            return new WeightRef(name, shape, dtype, () -> load(ctx, ds, where, shape, elements, bytes));
        });
    }

    private static Tensor load(H5Context ctx, Dataset ds, String where, int[] shape, long elements, long bytes)
            throws IOException {
        ctx.open().checkOpen();
        Sizes.checkHeap(ctx.file(), ctx.prefix() + MessageBundles.bind(Messages.weight, where), elements);
        return Guard.run(ctx.file(), ctx.damaged(), MessageBundles.bind(Messages.dataOfWeight, where), () -> {
            float[] values;
            try (Prefetch ahead = Prefetch.start(ctx.onDisk(), ctx.base(), ds, bytes)) {
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

    /**
     * Numpy's name for a dataset's elements. Only jhdf's io.jhdf and io.jhdf.api packages are
     * exported by its bundle (its manifest names the others with wildcards, which OSGi does not
     * expand), so the HDF5 type is known only through the Java type jhdf reads the elements as and
     * their size in the file: jhdf reads float16 as float, and widens unsigned integers (uint8 and
     * uint16 to int, uint32 to long, uint64 to BigInteger).
     *
     * @param type  the Java type jhdf reads the elements as
     * @param bytes the size of one element in the file
     * @return the name, e.g. {@code float16} or {@code uint8}; empty when the elements are not
     *         numbers (strings, records, references...)
     */
    static Optional<String> dtype(Class<?> type, int bytes) {
        int bits = 8 * bytes;
        if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
            return Optional.of("float" + bits);
        }
        if (type == BigInteger.class) {
            return Optional.of("uint64");
        }
        if (type == byte.class || type == Byte.class || type == short.class || type == Short.class
                || type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return Optional.of((bytes < elementBytes(type) ? "uint" : "int") + bits);
        }
        return Optional.empty();
    }

    /**
     * @return the size of one element of {@code ds} in the file; for a dataset with no elements,
     *         which does not tell, the size of the Java type
     */
    private static int itemBytes(Dataset ds, Class<?> type) {
        long n = ds.getSize();
        return n > 0 ? (int) (ds.getSizeInBytes() / n) : elementBytes(type);
    }

    /** @return bytes per element of the Java {@code type}; 1 for a type that is not a number */
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
