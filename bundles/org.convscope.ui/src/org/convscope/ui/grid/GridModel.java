package org.convscope.ui.grid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.convscope.core.npy.Npy;
import org.convscope.core.render.ChannelGrid;
import org.convscope.core.render.ChannelGridRenderer;
import org.convscope.core.render.ChannelStats;
import org.convscope.core.render.GridGeometry;
import org.convscope.core.render.GridOptions;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.analysis.Comparison;

/**
 * What the grid editor shows, without widgets: one layer output, the options it is drawn with, the
 * rendered grid, and the read-outs and exports. Tests drive it without a display.
 */
public final class GridModel {

    private final Tensor activation;
    private GridOptions options;
    private ChannelGrid grid;
    private long renderNanos;

    /**
     * @param activation the layer output (N, H, W, C), (N, steps, C) or (N, units)
     * @param options    how to draw it
     */
    public GridModel(Tensor activation, GridOptions options) {
        this.activation = Objects.requireNonNull(activation, "activation");
        setOptions(options);
    }

    /** Redraws with {@code o}. */
    public void setOptions(GridOptions o) {
        long t = System.nanoTime();
        ChannelGrid g = ChannelGridRenderer.render(activation, o);
        renderNanos = System.nanoTime() - t;
        options = o;
        grid = g;
    }

    /** @return the options in use */
    public GridOptions options() {
        return options;
    }

    /** @return the rendered grid */
    public ChannelGrid grid() {
        return grid;
    }

    /** @return the layer output */
    public Tensor activation() {
        return activation;
    }

    /** @return how long the last rendering took, in nanoseconds */
    public long renderNanos() {
        return renderNanos;
    }

    /** @return the channel whose tile covers image pixel ({@code x}, {@code y}) */
    public Optional<Integer> channelAt(int x, int y) {
        GridGeometry.TilePoint p = grid.geometry().pointAt(x, y);
        return p == null ? Optional.empty() : Optional.of(p.channel());
    }

    /**
     * @return the read-out for image pixel ({@code x}, {@code y}): channel, position, value and
     *         the channel's mark; empty over a gap
     */
    public String hoverText(int x, int y) {
        GridGeometry.TilePoint p = grid.geometry().pointAt(x, y);
        if (p == null) {
            return "";
        }
        ChannelStats s = grid.stats().get(p.channel());
        String mark = s.dead() ? Messages.markDead : s.constant() ? Messages.markConstant : "";
        return Messages.bind(Messages.hover, new Object[] { p.channel(), p.row(), p.column(),
                format(grid.value(p)), format(s.min()), format(s.max()), mark });
    }

    /** @return a one-line summary of the layer: shape, tiles, dead and constant channels */
    public String summary() {
        return Messages.bind(Messages.summary, new Object[] { shapeText(activation.shape()), grid.tileCount(),
                grid.deadCount(), grid.constantCount(), format(grid.summary().mean()), format(grid.summary().max()) });
    }

    /** Writes the grid picture as PNG. */
    public void exportPng(Path file) throws IOException {
        grid.image().writePng(file);
    }

    /** Writes the layer output as a numpy array in Keras's layout (batch axis kept, float32). */
    public void exportNpy(Path file) throws IOException {
        Npy.write(file, activation);
    }

    /** @return {@code v} with four significant digits, as read-outs show values */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e4 || a < 1e-3
                ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    /** @return e.g. {@code (1, 26, 26, 32)}, as the analyses' messages write shapes */
    public static String shapeText(int[] shape) {
        return Comparison.shapeText(shape);
    }
}
