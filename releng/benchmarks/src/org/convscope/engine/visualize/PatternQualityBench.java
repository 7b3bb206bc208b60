package org.convscope.engine.visualize;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;

/**
 * Issue 16's quality measures of filter patterns, one JSON line per (preset, channel): how much of
 * the channel's response survives random transforms of the finished pattern (robustness), how much
 * of the pattern's spectral power lies above a quarter of the Nyquist frequency, and the objective
 * reached. The measures read the pattern as the model takes it (after preprocessing), so the
 * presets' different ways of drawing a tile do not enter. The objective is also given for the
 * pattern as a picture: clamped to the pixels 0–255 can show (after preprocessing), since the
 * notebook's ascent leaves that range and a value reached outside it is not one a picture has.
 *
 * <pre>
 * PatternQualityBench --model M --layer L --preprocess MODE --channels 0,5,9 --presets lucid,notebook
 *                     [--steps-lucid N] [--steps-notebook N] [--size S] [--channels-in 3]
 * </pre>
 */
public final class PatternQualityBench {

    /** Transforms per robustness figure, as the issue says. */
    private static final int TRANSFORMS = 16;
    private static final double MAX_SHIFT = 16;
    private static final double MAX_DEGREES = 10;

    private PatternQualityBench() {
    }

    public static void main(String[] args) throws Exception {
        Path model = null;
        String layer = null;
        Preprocessing pre = Preprocessing.RESCALE;
        int[] channels = { 0 };
        String[] presets = { "lucid", "notebook" };
        Integer stepsLucid = null;
        Integer stepsNotebook = null;
        Integer size = null;
        int inChannels = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--layer" -> layer = args[++i];
                case "--preprocess" -> pre = Preprocessing.named(args[++i]);
                case "--channels" -> channels = Arrays.stream(args[++i].split(","))
                        .mapToInt(Integer::parseInt).toArray();
                case "--presets" -> presets = args[++i].split(",");
                case "--steps-lucid" -> stepsLucid = Integer.parseInt(args[++i]);
                case "--steps-notebook" -> stepsNotebook = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--channels-in" -> inChannels = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        try (ModelGraph graph = KerasModels.open(model); Network net = Engine.open(graph)) {
            for (String preset : presets) {
                FilterPatternOptions o = FilterPatternOptions.preset(preset);
                if (size != null) {
                    o = o.withSize(size);
                }
                Integer steps = preset.equals("lucid") ? stepsLucid : stepsNotebook;
                if (steps != null) {
                    o = o.withSteps(steps);
                }
                FilterPatterns patterns = new FilterPatterns(net, inChannels, pre);
                long t = System.nanoTime();
                List<FilterPattern> made = patterns.compute(layer, channels, o, ProgressMonitor.NULL, null);
                double seconds = (System.nanoTime() - t) / 1e9;
                float[][] range = validRange(pre, inChannels);
                for (FilterPattern p : made) {
                    report(net, layer, p, preset, o, range, seconds / made.size());
                }
            }
        }
    }

    /** @return per input channel, what the pixels 0 and 255 become after preprocessing: {low, high} */
    private static float[][] validRange(Preprocessing pre, int channels) {
        float[] low = new float[channels];
        float[] high = new float[channels];
        Arrays.fill(high, 255);
        pre.apply(low, channels);
        pre.apply(high, channels);
        return new float[][] { low, high };
    }

    private static void report(Network net, String layer, FilterPattern p, String preset, FilterPatternOptions o,
            float[][] range, double seconds) {
        Tensor x = p.image();
        double own = channelMean(net, layer, x, p.filter())[0];
        float[] picture = x.data().clone();
        int c = range[0].length;
        for (int i = 0; i < picture.length; i++) {
            float a = range[0][i % c];
            float b = range[1][i % c];
            picture[i] = Math.max(Math.min(a, b), Math.min(Math.max(a, b), picture[i]));
        }
        double shown = channelMean(net, layer, new Tensor(picture, x.shape()), p.filter())[0];
        SplittableRandom rng = new SplittableRandom(16 + p.filter());
        int[] s = x.shape();
        int per = s[1] * s[2] * s[3];
        float[] batch = new float[TRANSFORMS * per];
        for (int k = 0; k < TRANSFORMS; k++) {
            float[] moved = affine(x.data(), s[1], s[2], s[3], rng.nextDouble(-MAX_SHIFT, MAX_SHIFT),
                    rng.nextDouble(-MAX_SHIFT, MAX_SHIFT), rng.nextDouble(0.9, 1.1),
                    Math.toRadians(rng.nextDouble(-MAX_DEGREES, MAX_DEGREES)));
            System.arraycopy(moved, 0, batch, k * per, per);
        }
        double[] moved = channelMean(net, layer, new Tensor(batch, new int[] { TRANSFORMS, s[1], s[2], s[3] }),
                p.filter());
        double mean = 0;
        for (double v : moved) {
            mean += v / TRANSFORMS;
        }
        System.out.printf(Locale.ROOT,
                "{\"preset\":\"%s\",\"layer\":\"%s\",\"channel\":%d,\"steps\":%d,\"size\":%d,\"objective\":%.5g,"
                        + "\"objective_picture\":%.5g,"
                        + "\"transformed\":%.5g,\"robustness\":%.4f,\"high_frequency\":%.4f,\"dead\":%b,"
                        + "\"seconds_per_channel\":%.2f}%n",
                preset, layer, p.filter(), o.steps(), o.size(), own, shown, mean, own == 0 ? 0 : mean / own,
                highFrequency(x.data(), s[1], s[2], s[3]), p.dead(), seconds);
    }

    /** @return per batch item, the mean of channel {@code c} of the layer (after its activation) */
    private static double[] channelMean(Network net, String layer, Tensor x, int c) {
        Tensor out = net.forward(x, List.of(layer)).output(layer);
        float[] o = out.data();
        int n = out.dim(0);
        int per = o.length / n;
        int ch = out.dim(out.rank() - 1);
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = c; k < per; k += ch) {
                sum += o[i * per + k];
            }
            m[i] = sum / (per / ch);
        }
        return m;
    }

    /**
     * Shifts by (dy, dx), scales by {@code scale} and rotates by {@code angle} about the centre,
     * bilinear; what comes from outside takes the image's mean per channel (no new edges).
     */
    static float[] affine(float[] img, int h, int w, int c, double dy, double dx, double scale, double angle) {
        double[] mean = new double[c];
        for (int i = 0; i < img.length; i++) {
            mean[i % c] += img[i] / (double) (h * w);
        }
        float[] out = new float[img.length];
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double py = y + 0.5 - h / 2.0 - dy;
                double px = x + 0.5 - w / 2.0 - dx;
                double sy = (cos * py - sin * px) / scale + h / 2.0 - 0.5;
                double sx = (sin * py + cos * px) / scale + w / 2.0 - 0.5;
                int y0 = (int) Math.floor(sy);
                int x0 = (int) Math.floor(sx);
                double fy = sy - y0;
                double fx = sx - x0;
                for (int ch = 0; ch < c; ch++) {
                    double v = (1 - fy) * ((1 - fx) * at(img, h, w, c, y0, x0, ch, mean)
                            + fx * at(img, h, w, c, y0, x0 + 1, ch, mean))
                            + fy * ((1 - fx) * at(img, h, w, c, y0 + 1, x0, ch, mean)
                                    + fx * at(img, h, w, c, y0 + 1, x0 + 1, ch, mean));
                    out[(y * w + x) * c + ch] = (float) v;
                }
            }
        }
        return out;
    }

    private static double at(float[] img, int h, int w, int c, int y, int x, int ch, double[] mean) {
        return y < 0 || x < 0 || y >= h || x >= w ? mean[ch] : img[(y * w + x) * c + ch];
    }

    /**
     * @return the fraction of the image's spectral power (channels summed, means removed) at
     *         frequencies above a quarter of Nyquist, i.e. above 0.125 cycles per pixel
     */
    static double highFrequency(float[] img, int h, int w, int c) {
        Fft rows = new Fft(w);
        Fft cols = new Fft(h);
        double high = 0;
        double all = 0;
        for (int ch = 0; ch < c; ch++) {
            double[][] re = new double[h][w];
            double[][] im = new double[h][w];
            double mean = 0;
            for (int i = ch; i < img.length; i += c) {
                mean += img[i] / (double) (h * w);
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    re[y][x] = img[(y * w + x) * c + ch] - mean;
                }
                rows.transform(re[y], im[y], false);
            }
            double[] cr = new double[h];
            double[] ci = new double[h];
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < h; y++) {
                    cr[y] = re[y][x];
                    ci[y] = im[y][x];
                }
                cols.transform(cr, ci, false);
                double fx = (x <= w / 2 ? x : x - w) / (double) w;
                for (int y = 0; y < h; y++) {
                    double fy = (y <= h / 2 ? y : y - h) / (double) h;
                    double power = cr[y] * cr[y] + ci[y] * ci[y];
                    all += power;
                    if (Math.hypot(fx, fy) > 0.125) {
                        high += power;
                    }
                }
            }
        }
        return all == 0 ? 0 : high / all;
    }
}
