package org.convscope.core.keras;

/** {@code DepthwiseConv1D}/{@code DepthwiseConv2D}: one kernel per input channel and multiplier. */
final class DepthwiseConvMapper extends ConvMapper {

    DepthwiseConvMapper(int rank) {
        super(rank);
    }

    private static int multiplier(LayerConfig c) {
        return c.integer(1, "depth_multiplier");
    }

    @Override
    Integer outChannels(LayerConfig c, Integer inChannels) {
        return Spatial.times(inChannels, multiplier(c));
    }

    @Override
    long weights(LayerConfig c, int inChannels, long window) {
        long out = (long) inChannels * multiplier(c);
        return window * out + (useBias(c) ? out : 0);
    }
}
