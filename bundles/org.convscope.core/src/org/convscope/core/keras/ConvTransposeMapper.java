package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.TensorShape;

/**
 * {@code Conv1DTranspose}/{@code Conv2DTranspose}/{@code Conv3DTranspose}, and Keras 1's
 * {@code Deconvolution2D}, whose config states its output shape outright.
 */
final class ConvTransposeMapper extends ConvMapper {

    ConvTransposeMapper(int rank) {
        super(rank);
    }

    @Override
    Integer length(LayerConfig c, int i, Integer in, int[] k, int[] s, int[] d) {
        Integer outputPadding = null;
        if (c.has("output_padding")) {
            outputPadding = c.tuple(rank, 0, "output_padding")[i];
        }
        return Spatial.deconvLength(in, k[i], s[i], d[i], c.padding(), outputPadding);
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        List<Integer> stated = c.dims("output_shape");
        if (stated != null && stated.size() == rank + 2) {
            // Keras 1 stores the full output shape; only the batch size comes from the input.
            List<Integer> out = new ArrayList<>(stated);
            out.set(0, in.dim(0));
            return TensorShape.of(out);
        }
        return super.output(c, in);
    }

    @Override
    long weights(LayerConfig c, int inChannels, long window) {
        long filters = filters(c);
        return window * inChannels * filters + (useBias(c) ? filters : 0);
    }
}
