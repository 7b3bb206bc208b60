package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/** {@code Resizing} and {@code CenterCrop}: images to {@code height} × {@code width}. */
final class ResizeMapper extends SingleInputMapper {

    ResizeMapper() {
        super(LayerCategory.SHAPE);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        requireRank(in, 3, MessageBundles.bind(Messages.resizeNeedsImage, c.className()));
        int height = c.integer(-1, "height");
        int width = c.integer(-1, "width");
        if (height < 1 || width < 1) {
            throw new ShapeException(MessageBundles.bind(Messages.resizeNeedsSize, c.className()));
        }
        // an unbatched image (h, w, c) is allowed too
        int first = in.rank() == 3 ? 0 : Spatial.firstSpatialAxis(2, c.channelsFirst());
        List<Integer> out = new ArrayList<>(in.dims());
        out.set(first, height);
        out.set(first + 1, width);
        return TensorShape.of(out);
    }
}
