package org.convscope.core.keras;

import java.util.List;

import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** Axis arguments ({@code axis: -1}, {@code axis: [1, 2]}) resolved against an input shape. */
final class Axes {

    private Axes() {
    }

    /**
     * @param axis an axis, negative counting from the end
     * @param rank the rank of the shape
     * @return the axis counted from 0
     * @throws ShapeException if out of range
     */
    static int resolve(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(MessageBundles.bind(Messages.axisOutOfRange, axis, rank));
        }
        return a;
    }

    /**
     * @param axes the axes
     * @param in   a known shape
     * @return the product of the dimensions on those axes, null if one is unfixed
     */
    static Long size(List<Integer> axes, TensorShape in) {
        long n = 1;
        for (int a : axes) {
            Integer d = in.dim(resolve(a, in.rank()));
            if (d == null) {
                return null;
            }
            n *= d;
        }
        return n;
    }
}
