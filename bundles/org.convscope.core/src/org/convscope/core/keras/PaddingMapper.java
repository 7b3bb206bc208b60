package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * {@code ZeroPadding1D/2D/3D} (adds) and {@code Cropping1D/2D/3D} (removes). The amount is one
 * integer, one per axis, or a (before, after) pair per axis; Keras 1 also wrote a dict of
 * {@code top_pad}, {@code bottom_pad}, ... .
 */
final class PaddingMapper extends SingleInputMapper {

    private final int rank;
    private final int sign;
    private final String key;

    /**
     * @param rank the number of spatial axes
     * @param crop true for cropping, false for padding
     */
    PaddingMapper(int rank, boolean crop) {
        super(LayerCategory.SHAPE);
        this.rank = rank;
        this.sign = crop ? -1 : 1;
        this.key = crop ? "cropping" : "padding";
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        requireRank(in, rank + 2, MessageBundles.bind(Messages.needsRank, c.className(), rank + 2));
        int[] total = totals(c);
        int first = Spatial.firstSpatialAxis(rank, c.channelsFirst());
        List<Integer> out = new ArrayList<>(in.dims());
        for (int i = 0; i < rank; i++) {
            Integer d = in.dim(first + i);
            if (d != null) {
                int n = d + sign * total[i];
                if (n <= 0) {
                    throw new ShapeException(MessageBundles.bind(Messages.paddingLeavesNothing, c.className(), d));
                }
                out.set(first + i, n);
            }
        }
        return TensorShape.of(out);
    }

    /** @return before + after per spatial axis */
    private int[] totals(LayerConfig c) {
        Object v = c.get(key);
        int[] total = new int[rank];
        if (v == null) {
            Arrays.fill(total, sign > 0 ? 2 : 0);
        } else if (v instanceof Number) {
            Arrays.fill(total, 2 * c.integer(0, key));
        } else if (v instanceof Map<?, ?> m) {
            total[0] = get(m, "top_pad") + get(m, "bottom_pad") + get(m, "top_crop") + get(m, "bottom_crop");
            if (rank > 1) {
                total[1] = get(m, "left_pad") + get(m, "right_pad") + get(m, "left_crop") + get(m, "right_crop");
            }
        } else if (v instanceof List<?> list) {
            if (rank == 1 && list.size() == 2 && list.get(0) instanceof Number) {
                total[0] = toInt(list.get(0)) + toInt(list.get(1));
            } else if (list.size() == rank) {
                for (int i = 0; i < rank; i++) {
                    Object a = list.get(i);
                    if (a instanceof List<?> pair && pair.size() == 2) {
                        total[i] = toInt(pair.get(0)) + toInt(pair.get(1));
                    } else {
                        total[i] = 2 * toInt(a);
                    }
                }
            } else {
                throw new ShapeException(MessageBundles.bind(Messages.paddingAxes, c.className(), key, v, rank));
            }
        } else {
            throw new ShapeException(MessageBundles.bind(Messages.paddingNotUnderstood, c.className(), key, v));
        }
        for (int t : total) {
            if (t < 0) {
                throw new ShapeException(MessageBundles.bind(Messages.paddingNegative, c.className(), key, v));
            }
        }
        return total;
    }

    private static int get(Map<?, ?> m, String k) {
        Object v = m.get(k);
        return v == null ? 0 : toInt(v);
    }

    private static int toInt(Object o) {
        if (o instanceof Long l && Math.abs(l) < Integer.MAX_VALUE / 4) {
            return l.intValue();
        }
        throw new ShapeException(MessageBundles.bind(Messages.expectedIntegerAmount, o));
    }
}
