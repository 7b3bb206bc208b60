package org.convscope.core.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor in row-major (C) order, as Keras and numpy lay it out: the last axis
 * varies fastest. Results leave the engine in this form, and renderers and writers take it.
 *
 * <p>The array is not copied; callers treat it as read-only once a tensor is made.
 *
 * @param data  the values, {@code length == product(shape)}
 * @param shape the dimensions, e.g. {@code [1, 148, 148, 32]} for an NHWC activation
 */
public record Tensor(float[] data, int[] shape) {

    public Tensor {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(shape, "shape");
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        shape = shape.clone();
    }

    /** @return the number of axes */
    public int rank() {
        return shape.length;
    }

    /** @return the number of elements */
    public int size() {
        return data.length;
    }

    /** @return a copy of the dimensions */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return dimension {@code axis}; negative axes count from the end */
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
