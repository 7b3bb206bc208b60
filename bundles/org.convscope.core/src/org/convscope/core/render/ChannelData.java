package org.convscope.core.render;

import java.util.Arrays;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;

/**
 * One batch item of a layer output seen as {@code pixels × channels} interleaved values, the
 * channel fastest (Keras's channels-last layout), whatever the tensor's rank.
 */
final class ChannelData {

    /** How a layer output's axes map onto tiles. */
    enum Kind {
        /** (N, H, W, C): each channel an H×W tile. */
        SPATIAL,
        /** (N, steps, C): each channel a one-row strip of {@code steps} pixels. */
        SEQUENCE,
        /** (N, units): each unit a single pixel of one strip. */
        DENSE
    }

    final Kind kind;
    final float[] data;
    final int offset;
    final int height;
    final int width;
    final int channels;
    final int batch;

    private ChannelData(Kind kind, float[] data, int offset, int height, int width, int channels, int batch) {
        this.kind = kind;
        this.data = data;
        this.offset = offset;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.batch = batch;
    }

    /** @return the item {@code batchIndex} of {@code t}, checked */
    static ChannelData of(Tensor t, int batchIndex) {
        ChannelData all = layout(t);
        if (batchIndex < 0 || batchIndex >= all.batch) {
            throw new IllegalArgumentException(
                    "batch index " + batchIndex + " outside the batch of " + all.batch + " in " + t);
        }
        return new ChannelData(all.kind, all.data, batchIndex * all.itemSize(), all.height, all.width, all.channels,
                all.batch);
    }

    /** @return the tensor's geometry with {@link #offset} 0 (item 0) */
    static ChannelData layout(Tensor t) {
        int[] s = t.shape();
        return switch (s.length) {
            case 4 -> new ChannelData(Kind.SPATIAL, t.data(), 0, s[1], s[2], s[3], s[0]);
            case 3 -> new ChannelData(Kind.SEQUENCE, t.data(), 0, 1, s[1], s[2], s[0]);
            case 2 -> new ChannelData(Kind.DENSE, t.data(), 0, 1, 1, s[1], s[0]);
            default ->
                throw new AnalysisException(MessageBundles.bind(Messages.notChannels, Arrays.toString(s)));
        };
    }

    /** @return values per channel in one batch item */
    int pixels() {
        return height * width;
    }

    /** @return values in one batch item */
    int itemSize() {
        return height * width * channels;
    }
}
