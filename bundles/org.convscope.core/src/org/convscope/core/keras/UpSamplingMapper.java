package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** {@code UpSampling1D/2D/3D}: each spatial axis times {@code size} (Keras 1: {@code length}). */
final class UpSamplingMapper extends SingleInputMapper {

    private final int rank;

    UpSamplingMapper(int rank) {
        super(LayerCategory.SHAPE);
        this.rank = rank;
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        requireRank(in, rank + 2, MessageBundles.bind(Messages.needsRank, c.className(), rank + 2));
        int[] size = c.tuple(rank, 2, "size", "length");
        int first = Spatial.firstSpatialAxis(rank, c.channelsFirst());
        List<Integer> out = new ArrayList<>(in.dims());
        for (int i = 0; i < rank; i++) {
            if (size[i] < 1) {
                throw new ShapeException(MessageBundles.bind(Messages.upSamplingSize, c.className()));
            }
            out.set(first + i, Spatial.times(in.dim(first + i), size[i]));
        }
        return TensorShape.of(out);
    }
}
