package org.convscope.core.render;

import java.util.List;

/**
 * A rendered channel grid: the picture, where each tile is, and what each channel holds. Made by
 * {@link ChannelGridRenderer}.
 */
public final class ChannelGrid {

    private final RgbImage image;
    private final GridGeometry geometry;
    private final ActivationStats summary;
    private final NormalizationScope scope;
    private final ChannelData source;

    ChannelGrid(RgbImage image, GridGeometry geometry, ActivationStats summary, NormalizationScope scope,
            ChannelData source) {
        this.image = image;
        this.geometry = geometry;
        this.summary = summary;
        this.scope = scope;
        this.source = source;
    }

    /** @return the picture */
    public RgbImage image() {
        return image;
    }

    /** @return the tile layout */
    public GridGeometry geometry() {
        return geometry;
    }

    /** @return one entry per channel, in channel order */
    public List<ChannelStats> stats() {
        return summary.channels();
    }

    /** @return the layer's figures as a whole (mean, max, zero share, dead channels) */
    public ActivationStats summary() {
        return summary;
    }

    /** @return the scope actually used (Dense outputs use LAYER when CHANNEL was asked for) */
    public NormalizationScope scope() {
        return scope;
    }

    /** @return channels drawn, which is every channel of the layer */
    public int tileCount() {
        return geometry.channels();
    }

    /** @return channels whose values are all 0 */
    public int deadCount() {
        return summary.deadCount();
    }

    /** @return channels holding one non-zero value throughout */
    public int constantCount() {
        return summary.constantCount();
    }

    /** @return tiles drawn with a mark instead of values: dead plus constant */
    public int flaggedCount() {
        return deadCount() + constantCount();
    }

    /**
     * @return the activation at a tile point of this grid's batch item (from
     *         {@link GridGeometry#pointAt})
     */
    public float value(GridGeometry.TilePoint p) {
        return source.data[source.offset + (p.row() * source.width + p.column()) * source.channels + p.channel()];
    }

    /**
     * @return the activation under image pixel ({@code x}, {@code y}), or NaN over a gap or an
     *         empty cell
     */
    public float valueAt(int x, int y) {
        GridGeometry.TilePoint p = geometry.pointAt(x, y);
        return p == null ? Float.NaN : value(p);
    }
}
