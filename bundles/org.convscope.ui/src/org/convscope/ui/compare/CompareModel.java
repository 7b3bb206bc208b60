package org.convscope.ui.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.render.ChannelGrid;
import org.convscope.core.render.ChannelGridRenderer;
import org.convscope.core.render.GridGeometry;
import org.convscope.core.render.GridOptions;
import org.convscope.core.render.NormalizationScope;
import org.convscope.core.render.SharedScale;
import org.convscope.core.tensor.Tensor;
import org.convscope.ui.grid.GridModel;

/**
 * One layer's outputs for several inputs, drawn on one shared per-channel scale so that equal
 * values give equal colours in every pane, plus the difference of the first two and the channels
 * ranked by how differently they respond. Plain Java: tests run it without a display.
 */
public final class CompareModel {

    private final List<String> names;
    private final List<Tensor> outputs;
    private final SharedScale scale;
    private final Tensor difference;
    private final List<ChannelDifference> ranking;
    private GridOptions options;
    private List<ChannelGrid> grids;
    private ChannelGrid differenceGrid;

    /**
     * @param names   a label per input
     * @param outputs the layer's output per input (batch item 0 of each is shown), same shape
     * @param options layout and colours; the scale is always shared
     * @throws IllegalArgumentException for fewer than two outputs
     * @throws AnalysisException        for outputs of different shapes
     */
    public CompareModel(List<String> names, List<Tensor> outputs, GridOptions options) {
        if (outputs.size() < 2 || names.size() != outputs.size()) {
            throw new IllegalArgumentException("a comparison needs two or more outputs, one name each");
        }
        int[] shape = outputs.get(0).shape();
        for (Tensor t : outputs) {
            if (!Arrays.equals(t.shape(), shape)) {
                throw new AnalysisException(Messages.bind(Messages.shapesDiffer,
                        GridModel.shapeText(shape), GridModel.shapeText(t.shape())));
            }
        }
        this.names = List.copyOf(names);
        this.outputs = List.copyOf(outputs);
        this.scale = SharedScale.across(this.outputs);
        this.difference = subtract(outputs.get(0), outputs.get(1));
        this.ranking = rank(this.outputs, scale);
        setOptions(options);
    }

    /** Redraws every pane with {@code o}'s layout and colours, keeping the shared scale. */
    public void setOptions(GridOptions o) {
        GridOptions shared = o.withShared(scale);
        List<ChannelGrid> g = new ArrayList<>(outputs.size());
        for (Tensor t : outputs) {
            g.add(ChannelGridRenderer.render(t, shared));
        }
        // A − B and B − A pooled give a scale centred on zero whose spread is the difference's own:
        // mid-colour means "no difference" in every tile
        Tensor both = stack(difference, negate(difference));
        differenceGrid = ChannelGridRenderer.render(both, o.withScope(NormalizationScope.GLOBAL).withBatchIndex(0));
        grids = List.copyOf(g);
        options = o;
    }

    /** @return the options (scope as the user chose; panes use the shared scale regardless) */
    public GridOptions options() {
        return options;
    }

    /** @return the input labels */
    public List<String> names() {
        return names;
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
        return difference;
    }

    /** @return every channel, most different first */
    public List<ChannelDifference> ranking() {
        return ranking;
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
            sb.append("   ").append(names.get(i)).append(" = ").append(GridModel.format(grids.get(i).value(p)));
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

    static Tensor subtract(Tensor a, Tensor b) {
        float[] x = a.data();
        float[] y = b.data();
        int n = itemSize(a);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = x[i] - y[i];
        }
        int[] s = a.shape();
        s[0] = 1;
        return new Tensor(d, s);
    }

    private static Tensor negate(Tensor t) {
        float[] x = t.data();
        float[] d = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = -x[i];
        }
        return new Tensor(d, t.shape());
    }

    private static Tensor stack(Tensor a, Tensor b) {
        float[] d = Arrays.copyOf(a.data(), a.size() + b.size());
        System.arraycopy(b.data(), 0, d, a.size(), b.size());
        int[] s = a.shape();
        s[0] = a.dim(0) + b.dim(0);
        return new Tensor(d, s);
    }

    private static int itemSize(Tensor t) {
        return t.size() / Math.max(1, t.dim(0));
    }

    static List<ChannelDifference> rank(List<Tensor> outputs, SharedScale scale) {
        Tensor first = outputs.get(0);
        int channels = first.dim(first.rank() - 1);
        int n = itemSize(first);
        int pixels = n / channels;
        double[] sq = new double[channels];
        int pairs = 0;
        for (int i = 0; i < outputs.size(); i++) {
            for (int j = i + 1; j < outputs.size(); j++) {
                float[] a = outputs.get(i).data();
                float[] b = outputs.get(j).data();
                for (int k = 0; k < n; k++) {
                    double d = a[k] - b[k];
                    sq[k % channels] += d * d;
                }
                pairs++;
            }
        }
        double[] meanA = new double[channels];
        double[] meanB = new double[channels];
        double[] abs = new double[channels];
        float[] a = outputs.get(0).data();
        float[] b = outputs.get(1).data();
        for (int k = 0; k < n; k++) {
            int c = k % channels;
            meanA[c] += a[k];
            meanB[c] += b[k];
            abs[c] += Math.abs(a[k] - b[k]);
        }
        List<ChannelDifference> out = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            double rms = Math.sqrt(sq[c] / ((double) pairs * pixels));
            double std = scale.std(c);
            // std 0 means one value over every input and pixel, hence no difference at all
            double score = std > 0 ? rms / std : 0;
            out.add(new ChannelDifference(c, meanA[c] / pixels, meanB[c] / pixels, abs[c] / pixels, score));
        }
        out.sort(Comparator.comparingDouble(ChannelDifference::score).reversed()
                .thenComparingInt(ChannelDifference::channel));
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "CompareModel" + Objects.toString(names);
    }
}
