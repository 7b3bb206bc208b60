package org.convscope.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a tensor as Keras knows it before running: a list of dimensions where
 * {@code null} is a dimension not fixed by the model (the batch axis, a variable image size), or
 * a wholly unknown shape when not even the rank could be inferred. Unknown is never guessed.
 */
public final class TensorShape {

    private static final TensorShape UNKNOWN = new TensorShape(null);

    /** Null when the shape is wholly unknown. */
    private final List<Integer> dims;

    private TensorShape(List<Integer> dims) {
        this.dims = dims;
    }

    /** @return the wholly unknown shape */
    public static TensorShape unknown() {
        return UNKNOWN;
    }

    /**
     * @param dims dimensions, {@code null} for an unfixed one
     * @return the shape
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static TensorShape of(Integer... dims) {
        return of(Arrays.asList(dims));
    }

    /**
     * @param dims dimensions, {@code null} for an unfixed one
     * @return the shape
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static TensorShape of(List<Integer> dims) {
        List<Integer> copy = new ArrayList<>(dims);
        for (Integer d : copy) {
            if (d != null && d < 0) {
                throw new IllegalArgumentException("negative dimension in " + dims);
            }
        }
        return new TensorShape(Collections.unmodifiableList(copy));
    }

    /** @return whether the rank (and so the list of dimensions) is known */
    public boolean isKnown() {
        return dims != null;
    }

    /** @return the number of axes, or -1 when the shape is unknown */
    public int rank() {
        return dims == null ? -1 : dims.size();
    }

    /**
     * @return the dimensions, {@code null} entries for unfixed ones
     * @throws IllegalStateException if the shape is unknown
     */
    public List<Integer> dims() {
        if (dims == null) {
            throw new IllegalStateException("shape unknown");
        }
        return dims;
    }

    /**
     * @param axis the axis, negative counting from the end
     * @return the dimension, {@code null} when unfixed
     * @throws IllegalStateException if the shape is unknown
     */
    public Integer dim(int axis) {
        List<Integer> d = dims();
        int a = axis < 0 ? d.size() + axis : axis;
        if (a < 0 || a >= d.size()) {
            throw new IndexOutOfBoundsException("axis " + axis + " of " + this);
        }
        return d.get(a);
    }

    /**
     * @param axis  the axis, negative counting from the end
     * @param value the new dimension, {@code null} for unfixed
     * @return a copy with that dimension replaced
     */
    public TensorShape withDim(int axis, Integer value) {
        List<Integer> d = new ArrayList<>(dims());
        d.set(axis < 0 ? d.size() + axis : axis, value);
        return of(d);
    }

    /**
     * @param from the first axis counted
     * @return the product of the dimensions from {@code from} on, or {@code null} if one of
     *         them is unfixed or the shape unknown
     */
    public Long count(int from) {
        if (dims == null) {
            return null;
        }
        long n = 1;
        for (int i = from; i < dims.size(); i++) {
            if (dims.get(i) == null) {
                return null;
            }
            n *= dims.get(i);
        }
        return n;
    }

    /** @return the shape as Keras prints it, e.g. {@code (None, 28, 28, 1)}; {@code ?} if unknown */
    @Override
    public String toString() {
        if (dims == null) {
            return "?";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims.get(i) == null ? "None" : dims.get(i).toString());
        }
        if (dims.size() == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorShape t && Objects.equals(dims, t.dims);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(dims);
    }
}
