package org.convscope.core.io;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.convscope.core.tensor.Tensor;

/**
 * One stored weight of a layer, known by its shape and type before any data is read.
 *
 * @param name   the weight's short name as the file gives it ({@code kernel}, {@code bias},
 *               {@code moving_mean}); the Keras 3 archive layout stores no names, only positions
 *               ({@code 0}, {@code 1}, ...)
 * @param shape  the dimensions in Keras's layout
 * @param dtype  the stored element type in numpy's spelling ({@code float32}, {@code float16},
 *               {@code int32}, ...); for a quantized TensorFlow.js weight the type it dequantizes to;
 *               empty when the file stores something other than numbers there (text, records),
 *               which {@link #load()} refuses
 * @param loader reads the values when asked
 */
public record WeightRef(String name, int[] shape, Optional<String> dtype, WeightLoader loader) {

    public WeightRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(loader, "loader");
        shape = shape.clone();
    }

    /** @return a copy of the dimensions */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of elements */
    public long size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * Reads the values; same as {@code loader().load()}.
     *
     * @return the values as float32
     * @throws IOException if the data cannot be read
     */
    public Tensor load() throws IOException {
        return loader.load();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightRef w && name.equals(w.name) && Arrays.equals(shape, w.shape)
                && dtype.equals(w.dtype) && loader.equals(w.loader);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), dtype, loader);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + dtype.orElse("(not numbers)");
    }
}
