package org.convscope.ui.compare;

import java.util.List;
import java.util.Objects;

import org.convscope.core.render.ChannelGrid;
import org.convscope.core.render.GridGeometry;
import org.convscope.core.render.GridOptions;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.analysis.ChannelDifference;
import org.convscope.engine.analysis.Comparison;
import org.convscope.ui.grid.GridModel;

/**
 * One layer's outputs for several inputs, drawn on one shared per-channel scale so that equal
 * values give equal colours in every pane, plus the difference of the first two and the channels
 * ranked by how differently they respond: the {@link Comparison} the command line prints, laid out
 * for the editor's panes. Plain Java: tests run it without a display.
 */
public final class CompareModel {

    private final Comparison comparison;
    private GridOptions options;
    private List<ChannelGrid> grids;
    private ChannelGrid differenceGrid;

    /**
     * @param names   a label per input
     * @param outputs the layer's output per input (batch item 0 of each is shown), same shape
     * @param options layout and colours; the scale is always shared
     * @throws AnalysisException for fewer than two outputs, or outputs of different shapes
     */
    public CompareModel(List<String> names, List<Tensor> outputs, GridOptions options) {
        this.comparison = Comparison.of(names, outputs);
        setOptions(options);
    }

    /** Redraws every pane with {@code o}'s layout and colours, keeping the shared scale. */
    public void setOptions(GridOptions o) {
        grids = comparison.grids(o);
        differenceGrid = comparison.differenceGrid(o);
        options = o;
    }

    /** @return the options (scope as the user chose; panes use the shared scale regardless) */
    public GridOptions options() {
        return options;
    }

    /** @return the input labels */
    public List<String> names() {
        return comparison.names();
    }

    /** @return one grid per input, on the shared scale */
    public List<ChannelGrid> grids() {
        return grids;
    }

    /** @return the grid of the first input minus the second, zero at the colour map's middle */
    public ChannelGrid differenceGrid() {
        return differenceGrid;
    }

    /** @return A − B as a tensor shaped like the outputs */
    public Tensor difference() {
        return comparison.difference();
    }

    /** @return every channel, most different first */
    public List<ChannelDifference> ranking() {
        return comparison.ranking();
    }

    /**
     * @return the read-out for image pixel ({@code x}, {@code y}) of any pane: the channel and
     *         each input's value there, and A − B; empty over a gap
     */
    public String hoverText(int x, int y) {
        GridGeometry.TilePoint p = grids.get(0).geometry().pointAt(x, y);
        if (p == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(
                Messages.bind(Messages.hoverChannel, p.channel(), p.row() + ", " + p.column()));
        for (int i = 0; i < grids.size(); i++) {
            sb.append("   ").append(comparison.names().get(i)).append(" = ")
                    .append(GridModel.format(grids.get(i).value(p)));
        }
        sb.append("   A \u2212 B = ").append(GridModel.format(grids.get(0).value(p) - grids.get(1).value(p)));
        return sb.toString();
    }

    /**
     * @return the tiles per row that show this layer's grid largest in a {@code width × height}
     *         pane: side-by-side panes are narrow, so the single-grid default of 16 is rarely best
     */
    public int bestPerRow(int width, int height) {
        GridGeometry g = grids.get(0).geometry();
        int channels = g.channels();
        int tw = g.tilePixelWidth();
        int th = g.tilePixelHeight();
        int gap = g.gap();
        int best = options.perRow();
        double bestZoom = 0;
        for (int cols = 1; cols <= channels; cols++) {
            int rows = (channels + cols - 1) / cols;
            double z = Math.min((double) width / (cols * tw + (cols - 1) * gap),
                    (double) height / (rows * th + (rows - 1) * gap));
            if (z > bestZoom + 1e-9) {
                bestZoom = z;
                best = cols;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "CompareModel" + Objects.toString(comparison.names());
    }
}
