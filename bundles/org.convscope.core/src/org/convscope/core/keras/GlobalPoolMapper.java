package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** Global pooling: the spatial axes go, or stay as 1 with {@code keepdims}. */
final class GlobalPoolMapper extends SingleInputMapper {

    private final int rank;

    GlobalPoolMapper(int rank) {
        super(LayerCategory.POOL);
        this.rank = rank;
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        requireRank(in, rank + 2, MessageBundles.bind(Messages.needsRank, c.className(), rank + 2));
        boolean cf = c.channelsFirst();
        Integer channels = Spatial.channels(in, cf);
        if (!c.bool(false, "keepdims")) {
            return TensorShape.of(in.dim(0), channels);
        }
        List<Integer> out = new ArrayList<>();
        out.add(in.dim(0));
        if (cf) {
            out.add(channels);
        }
        for (int i = 0; i < rank; i++) {
            out.add(1);
        }
        if (!cf) {
            out.add(channels);
        }
        return TensorShape.of(out);
    }
}
