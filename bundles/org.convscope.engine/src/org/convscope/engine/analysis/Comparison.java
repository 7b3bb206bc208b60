package org.convscope.engine.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.Interpolation;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.render.ChannelGrid;
import org.convscope.core.render.ChannelGridRenderer;
import org.convscope.core.render.GridOptions;
import org.convscope.core.render.NormalizationScope;
import org.convscope.core.render.RgbImage;
import org.convscope.core.render.SharedScale;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Network;

/**
 * One layer's outputs for several inputs compared: the shared per-channel scale (equal values,
 * equal colours in every grid), the difference of the first two, and the channels ranked by how
 * differently they respond. The compare editor draws it; {@code convscope compare} prints it.
 */
public final class Comparison {

    /** Pixels between the grids of {@link #picture}. */
    public static final int GAP = 8;
    private static final int BACKGROUND = 0xFF202020;

    private final List<String> names;
    private final List<Tensor> outputs;
    private final SharedScale scale;
    private final Tensor difference;
    private final List<ChannelDifference> ranking;

    private Comparison(List<String> names, List<Tensor> outputs) {
        this.names = List.copyOf(names);
        this.outputs = List.copyOf(outputs);
        this.scale = SharedScale.across(this.outputs);
        this.difference = subtract(outputs.get(0), outputs.get(1));
        this.ranking = rank(this.outputs, scale);
    }

    /**
     * @param names   a label per input
     * @param outputs the layer's output per input (batch item 0 of each is compared), one shape
     * @throws AnalysisException for fewer than two outputs, or outputs of different shapes
     */
    public static Comparison of(List<String> names, List<Tensor> outputs) {
        if (outputs.size() < 2) {
            throw new AnalysisException(Messages.compareNeedsTwo);
        }
        if (names.size() != outputs.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + outputs.size() + " outputs");
        }
        int[] shape = outputs.get(0).shape();
        for (Tensor t : outputs) {
            if (!Arrays.equals(t.shape(), shape)) {
                throw new AnalysisException(MessageBundles.bind(Messages.shapesDiffer, shapeText(shape),
                        shapeText(t.shape())));
            }
        }
        if (shape.length < 2) {
            throw new AnalysisException(MessageBundles.bind(Messages.noChannels, shapeText(shape)));
        }
        return new Comparison(names, outputs);
    }

    /**
     * Runs {@code layer} for each input separately (as the workbench does, one cached run per
     * input) and compares the outputs.
     *
     * @param inputs        two or more images or {@code .npy} tensors
     * @param preprocessing the person's choice, or null for the model's
     * @param interpolation the person's resampling, or null for Keras's nearest
     * @throws IOException       naming an input that cannot be read
     * @throws AnalysisException when the layer cannot run or the outputs cannot be compared
     */
    public static Comparison compute(Network network, ModelGraph graph, Path modelFile, AnalysisLayers layers,
            List<Path> inputs, Preprocessing preprocessing, Interpolation interpolation, String layer)
            throws IOException {
        if (inputs.size() < 2) {
            throw new AnalysisException(Messages.compareNeedsTwo);
        }
        List<AnalysisLayers.Chosen> chosen = List.of(new AnalysisLayers.Chosen(layer, layers.names().node(layer)));
        List<Tensor> outputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path input : inputs) {
            Tensor x = ModelInputs.load(graph, modelFile, List.of(input), preprocessing, interpolation).tensor();
            ActivationAnalysis.LayerOutput out = ActivationAnalysis.run(network, x, chosen).get(0);
            if (!out.ok()) {
                throw new AnalysisException(out.failure());
            }
            outputs.add(out.output());
            names.add(input.getFileName().toString());
        }
        return of(names, outputs);
    }

    /** @return the input labels */
    public List<String> names() {
        return names;
    }

    /** @return the outputs compared, one per input */
    public List<Tensor> outputs() {
        return outputs;
    }

    /** @return the per-channel scale shared by every input */
    public SharedScale scale() {
        return scale;
    }

    /** @return A − B as a tensor shaped like the outputs (batch 1) */
    public Tensor difference() {
        return difference;
    }

    /** @return every channel, most different first */
    public List<ChannelDifference> ranking() {
        return ranking;
    }

    /** @return one grid per input on the shared scale, laid out by {@code o} */
    public List<ChannelGrid> grids(GridOptions o) {
        GridOptions shared = o.withShared(scale);
        return outputs.stream().map(t -> ChannelGridRenderer.render(t, shared)).toList();
    }

    /**
     * @return the grid of A − B. A − B and B − A pooled give a scale centred on zero whose spread is
     *         the difference's own: mid-colour means "no difference" in every tile
     */
    public ChannelGrid differenceGrid(GridOptions o) {
        Tensor both = stack(difference, negate(difference));
        return ChannelGridRenderer.render(both, o.withScope(NormalizationScope.GLOBAL).withBatchIndex(0));
    }

    /**
     * @return every input's grid, then the difference's, one above the other in that order,
     *         {@link #GAP} pixels apart (a wide layer's grids side by side would be too wide to read)
     */
    public RgbImage picture(GridOptions o) {
        List<RgbImage> parts = new ArrayList<>();
        grids(o).forEach(g -> parts.add(g.image()));
        parts.add(differenceGrid(o).image());
        int width = parts.stream().mapToInt(RgbImage::width).max().orElse(1);
        int height = parts.stream().mapToInt(RgbImage::height).sum() + GAP * (parts.size() - 1);
        int[] argb = new int[width * height];
        Arrays.fill(argb, BACKGROUND);
        int y0 = 0;
        for (RgbImage p : parts) {
            for (int y = 0; y < p.height(); y++) {
                System.arraycopy(p.argb(), y * p.width(), argb, (y0 + y) * width, p.width());
            }
            y0 += p.height() + GAP;
        }
        return new RgbImage(width, height, argb);
    }

    /** @return a shape as Python prints a tuple: (1, 26, 26, 32) */
    public static String shapeText(int[] shape) {
        String s = Arrays.toString(shape);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }

    private static Tensor subtract(Tensor a, Tensor b) {
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

    private static List<ChannelDifference> rank(List<Tensor> outputs, SharedScale scale) {
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
}
