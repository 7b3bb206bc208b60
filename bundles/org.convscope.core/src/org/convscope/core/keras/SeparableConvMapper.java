package org.convscope.core.keras;

/**
 * {@code SeparableConv1D}/{@code SeparableConv2D} (Keras 1 {@code SeparableConvolution2D}): a
 * depthwise kernel, then a 1×1 pointwise kernel to {@code filters} channels.
 */
final class SeparableConvMapper extends ConvMapper {

    SeparableConvMapper(int rank) {
        super(rank);
    }

    @Override
    long weights(LayerConfig c, int inChannels, long window) {
        long depth = (long) inChannels * c.integer(1, "depth_multiplier");
        long filters = filters(c);
        return window * depth + depth * filters + (useBias(c) ? filters : 0);
    }
}
