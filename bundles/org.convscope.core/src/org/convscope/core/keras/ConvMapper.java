package org.convscope.core.keras;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * {@code Conv1D}/{@code Conv2D}/{@code Conv3D} and their Keras 1 names ({@code Convolution2D} with
 * {@code nb_filter}, {@code nb_row}, {@code nb_col}, {@code border_mode}, {@code subsample},
 * {@code dim_ordering}; {@code AtrousConvolution2D} with {@code atrous_rate}). Subclasses change
 * the channel count, the spatial arithmetic or the weights.
 */
class ConvMapper extends SingleInputMapper {

    final int rank;

    ConvMapper(int rank) {
        super(LayerCategory.LAYER);
        this.rank = rank;
    }

    int[] kernel(LayerConfig c) {
        if (c.has("kernel_size")) {
            return c.tuple(rank, 1, "kernel_size");
        }
        if (rank == 1) {
            return new int[] { c.integer(1, "filter_length") };
        }
        if (rank == 2) {
            return new int[] { c.integer(1, "nb_row"), c.integer(1, "nb_col") };
        }
        return new int[] { c.integer(1, "kernel_dim1"), c.integer(1, "kernel_dim2"), c.integer(1, "kernel_dim3") };
    }

    int[] strides(LayerConfig c) {
        return c.tuple(rank, 1, "strides", "subsample", "subsample_length");
    }

    int[] dilation(LayerConfig c) {
        return c.tuple(rank, 1, "dilation_rate", "atrous_rate");
    }

    int filters(LayerConfig c) {
        int f = c.integer(-1, "filters", "nb_filter");
        if (f < 1) {
            throw new ShapeException(MessageBundles.bind(Messages.needsPositiveFilters, c.className()));
        }
        return f;
    }

    boolean useBias(LayerConfig c) {
        return c.bool(true, "use_bias", "bias");
    }

    /**
     * @param c         the config
     * @param inChannels the input channels, null if unfixed
     * @return the output channels
     */
    Integer outChannels(LayerConfig c, Integer inChannels) {
        return filters(c);
    }

    /** The output length of spatial axis {@code i}. */
    Integer length(LayerConfig c, int i, Integer in, int[] k, int[] s, int[] d) {
        return Spatial.convLength(in, k[i], s[i], d[i], c.padding());
    }

    @Override
    TensorShape output(LayerConfig c, TensorShape in) {
        requireRank(in, rank + 2, MessageBundles.bind(Messages.needsRank, c.className(), rank + 2));
        boolean cf = c.channelsFirst();
        int[] k = kernel(c);
        int[] s = strides(c);
        int[] d = dilation(c);
        List<Integer> out = new ArrayList<>();
        out.add(in.dim(0));
        Integer channels = outChannels(c, Spatial.channels(in, cf));
        if (cf) {
            out.add(channels);
        }
        int first = Spatial.firstSpatialAxis(rank, cf);
        for (int i = 0; i < rank; i++) {
            out.add(length(c, i, in.dim(first + i), k, s, d));
        }
        if (!cf) {
            out.add(channels);
        }
        return TensorShape.of(out);
    }

    @Override
    Params params(LayerConfig c, TensorShape in) {
        requireRank(in, rank + 2, MessageBundles.bind(Messages.needsRank, c.className(), rank + 2));
        Integer inChannels = Spatial.channels(in, c.channelsFirst());
        if (inChannels == null) {
            return Params.UNKNOWN;
        }
        return new Params(weights(c, inChannels, window(c)), 0);
    }

    /** @return the kernel's number of spatial positions */
    long window(LayerConfig c) {
        long n = 1;
        for (int k : kernel(c)) {
            n *= k;
        }
        return n;
    }

    /**
     * @param c          the config
     * @param inChannels the input channels
     * @param window     the kernel's spatial positions
     * @return kernel plus bias sizes
     */
    long weights(LayerConfig c, int inChannels, long window) {
        int groups = Math.max(1, c.integer(1, "groups"));
        long filters = filters(c);
        return window * (inChannels / groups) * filters + (useBias(c) ? filters : 0);
    }

    @Override
    boolean hasWeights() {
        return true;
    }
}
