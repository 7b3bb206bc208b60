package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * Local pooling in 1 to 3 dimensions ({@code MaxPooling2D}, {@code AveragePooling1D}, ...);
 * {@code strides} default to the pool size. Keras 1 names: {@code pool_length}, {@code stride},
 * {@code border_mode}.
 */
final class PoolMapper extends SingleInputMapper {

    private final int rank;

    PoolMapper(int rank) {
        super(LayerCategory.POOL);
        this.rank = rank;
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        requireRank(in, rank + 2, MessageBundles.bind(Messages.needsRank, c.className(), rank + 2));
        int[] pool = c.tuple(rank, 2, "pool_size", "pool_length");
        int[] strides = c.has("strides", "stride") ? c.tuple(rank, 1, "strides", "stride") : pool;
        boolean cf = c.channelsFirst();
        int first = Spatial.firstSpatialAxis(rank, cf);
        List<Integer> out = new ArrayList<>(in.dims());
        for (int i = 0; i < rank; i++) {
            out.set(first + i, Spatial.convLength(in.dim(first + i), pool[i], strides[i], 1, c.padding()));
        }
        return TensorShape.of(out);
    }
}
