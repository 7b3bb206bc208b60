package org.convscope.engine.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.GradientResult;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;

/**
 * Computes the methods' maps for a batch of images on one network (the model, or a randomised copy
 * of it for the sanity check). Every pass through the network takes at most
 * {@link ExplainOptions#batch()} inputs; the gradients of the CAM layers are asked once per layer
 * and shared by the CAM methods.
 */
final class Attributions implements Scorer {

    private final Network network;
    private final String input;
    private final String scoreLayer;
    private final int classes;
    private final int height;
    private final int width;
    private final int channels;
    private final ExplainOptions options;
    private final ProgressMonitor monitor;
    private final Map<String, LayerValues> layerValues = new HashMap<>();
    private final Map<String, Attribution[]> gradCams = new HashMap<>();

    /** A layer's activation and the gradient of each image's target with respect to it, (N, h, w, k). */
    private record LayerValues(float[] activation, float[] gradient, int h, int w, int k) {

        int size() {
            return h * w * k;
        }
    }

    Attributions(Network network, String scoreLayer, int classes, int height, int width, int channels,
            ExplainOptions options, ProgressMonitor monitor) {
        this.network = network;
        this.input = network.inputNames().get(0);
        this.scoreLayer = scoreLayer;
        this.classes = classes;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.options = options;
        this.monitor = monitor;
    }

    private int imageSize() {
        return height * width * channels;
    }

    private Tensor batch(float[] data, int from, int count) {
        int size = imageSize();
        int[] shape = { count, height, width, channels };
        // the whole array as it is when it is the batch (a copy of 19 MB per batch of 32 otherwise)
        return from == 0 && count * size == data.length
                ? new Tensor(data, shape)
                : new Tensor(Arrays.copyOfRange(data, from * size, (from + count) * size), shape);
    }

    @Override
    public float[] scores(float[] batch, int count, int target) {
        int[] targets = new int[count];
        Arrays.fill(targets, target);
        return scores(batch, count, targets);
    }

    /** @return y of each input's own target, in passes of at most {@code batch} inputs */
    float[] scores(float[] batch, int count, int[] targets) {
        float[] out = new float[count];
        for (int from = 0; from < count; from += options.batch()) {
            monitor.checkCanceled();
            int m = Math.min(options.batch(), count - from);
            Tensor y = network.forwardOnce(List.of(batch(batch, from, m)), List.of(scoreLayer)).output(scoreLayer);
            for (int j = 0; j < m; j++) {
                out[from + j] = y.data()[j * classes + targets[from + j]];
            }
        }
        return out;
    }

    /** @return ∂y/∂x of each input for its own target, (count, h, w, c), in passes of at most {@code batch} */
    float[] inputGradients(float[] batch, int count, int[] targets, boolean guided) {
        float[] out = new float[count * imageSize()];
        for (int from = 0; from < count; from += options.batch()) {
            monitor.checkCanceled();
            int m = Math.min(options.batch(), count - from);
            Objective o = Objective.unit(scoreLayer, classes, Arrays.copyOfRange(targets, from, from + m));
            GradientResult g = network.gradients(List.of(batch(batch, from, m)), guided ? o.withGuidedBackprop() : o,
                    List.of(input));
            System.arraycopy(g.gradient(input).data(), 0, out, from * imageSize(), m * imageSize());
        }
        return out;
    }

    /**
     * @param images {@code n} images, (n, h, w, c)
     * @return one map per image
     */
    Attribution[] compute(AttributionMethod method, float[] images, int n, int[] targets, List<String> layers) {
        return switch (method) {
            case SALIENCY -> pixelMaps(method, n, inputGradients(images, n, targets, false),
                    g -> Maps.maxAbsChannels(g, channels));
            case INPUTXGRAD -> inputTimesGradient(method, images, n, inputGradients(images, n, targets, false));
            case GUIDED_BACKPROP -> pixelMaps(method, n, inputGradients(images, n, targets, true),
                    g -> Maps.sumChannels(g, channels));
            case GUIDED_GRADCAM -> guidedGradCam(images, n, targets, layers);
            case IG -> perImage(method, images, n, targets, this::integratedGradients);
            case SMOOTHGRAD -> perImage(method, images, n, targets, this::smoothGrad);
            case OCCLUSION -> perImage(method, images, n, targets, this::occlusion);
            default -> cam(method, images, n, targets, layers);
        };
    }

    private Attribution[] pixelMaps(AttributionMethod method, int n, float[] gradients,
            UnaryOperator<float[]> reduce) {
        Attribution[] out = new Attribution[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Attribution(method, reduce.apply(Maps.item(gradients, i, imageSize())), height, width);
        }
        return out;
    }

    private Attribution[] inputTimesGradient(AttributionMethod method, float[] images, int n, float[] gradients) {
        float[] product = new float[gradients.length];
        for (int i = 0; i < product.length; i++) {
            product[i] = images[i] * gradients[i];
        }
        return pixelMaps(method, n, product, p -> Maps.sumChannels(p, channels));
    }

    /** One image's pixel map for its target. */
    @FunctionalInterface
    private interface ImageMap {

        float[] of(float[] image, int target);
    }

    private Attribution[] perImage(AttributionMethod method, float[] images, int n, int[] targets, ImageMap map) {
        Attribution[] out = new Attribution[n];
        for (int i = 0; i < n; i++) {
            monitor.checkCanceled();
            out[i] = new Attribution(method, map.of(Maps.item(images, i, imageSize()), targets[i]), height, width);
        }
        return out;
    }

    /** Integrated Gradients of one image: zero baseline, midpoint rule, summed over channels. */
    float[] integratedGradients(float[] x, int target) {
        int steps = options.igSteps();
        int size = imageSize();
        float[] path = new float[steps * size];
        for (int k = 0; k < steps; k++) {
            float alpha = (k + 0.5f) / steps;
            for (int e = 0; e < size; e++) {
                path[k * size + e] = alpha * x[e];
            }
        }
        int[] t = new int[steps];
        Arrays.fill(t, target);
        float[] g = inputGradients(path, steps, t, false);
        float[] attribution = new float[size];
        for (int e = 0; e < size; e++) {
            double s = 0;
            for (int k = 0; k < steps; k++) {
                s += g[k * size + e];
            }
            attribution[e] = x[e] * (float) (s / steps);
        }
        return Maps.sumChannels(attribution, channels);
    }

    /** SmoothGrad of one image over the options' base method. */
    float[] smoothGrad(float[] x, int target) {
        int size = imageSize();
        int samples = options.samples();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float sigma = options.noise() * (max - min);
        Noise noise = new Noise(options.seed());
        float[] noisy = new float[samples * size];
        for (int s = 0; s < samples; s++) {
            for (int e = 0; e < size; e++) {
                noisy[s * size + e] = x[e] + (float) (sigma * noise.nextGaussian());
            }
        }
        double[] sum = new double[height * width];
        if (options.smoothBase() == AttributionMethod.IG) {
            for (int s = 0; s < samples; s++) {
                add(sum, integratedGradients(Maps.item(noisy, s, size), target));
            }
        } else {
            int[] t = new int[samples];
            Arrays.fill(t, target);
            float[] g = inputGradients(noisy, samples, t, false);
            for (int s = 0; s < samples; s++) {
                float[] gs = Maps.item(g, s, size);
                if (options.smoothBase() == AttributionMethod.SALIENCY) {
                    add(sum, Maps.maxAbsChannels(gs, channels));
                } else {
                    for (int e = 0; e < size; e++) {
                        gs[e] *= noisy[s * size + e];
                    }
                    add(sum, Maps.sumChannels(gs, channels));
                }
            }
        }
        float[] out = new float[sum.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = (float) (sum[p] / samples);
        }
        return out;
    }

    private static void add(double[] sum, float[] v) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += v[i];
        }
    }

    /** Occlusion of one image: mean score drop over the patches covering each pixel. */
    float[] occlusion(float[] x, int target) {
        int patch = options.patch();
        int stride = options.stride();
        List<int[]> corners = new ArrayList<>();
        for (int r = 0; r + patch <= height; r += stride) {
            for (int col = 0; col + patch <= width; col += stride) {
                corners.add(new int[] { r, col });
            }
        }
        float[] out = new float[height * width];
        if (corners.isEmpty()) {
            return out;
        }
        float y = scores(x, 1, target)[0];
        double[] sum = new double[height * width];
        int[] count = new int[height * width];
        int size = imageSize();
        for (int from = 0; from < corners.size(); from += options.batch()) {
            int m = Math.min(options.batch(), corners.size() - from);
            float[] batch = new float[m * size];
            for (int j = 0; j < m; j++) {
                System.arraycopy(x, 0, batch, j * size, size);
                int[] rc = corners.get(from + j);
                for (int r = rc[0]; r < rc[0] + patch; r++) {
                    Arrays.fill(batch, j * size + (r * width + rc[1]) * channels,
                            j * size + (r * width + rc[1] + patch) * channels, 0f);
                }
            }
            float[] occluded = scores(batch, m, target);
            for (int j = 0; j < m; j++) {
                int[] rc = corners.get(from + j);
                double drop = y - occluded[j];
                for (int r = rc[0]; r < rc[0] + patch; r++) {
                    for (int col = rc[1]; col < rc[1] + patch; col++) {
                        sum[r * width + col] += drop;
                        count[r * width + col]++;
                    }
                }
            }
        }
        for (int p = 0; p < out.length; p++) {
            out[p] = count[p] == 0 ? 0f : (float) (sum[p] / count[p]);
        }
        return out;
    }

    private Attribution[] guidedGradCam(float[] images, int n, int[] targets, List<String> layers) {
        Attribution[] cams = cam(AttributionMethod.GRADCAM, images, n, targets, layers);
        float[] guided = inputGradients(images, n, targets, true);
        Attribution[] out = new Attribution[n];
        for (int i = 0; i < n; i++) {
            float[] gb = Maps.sumChannels(Maps.item(guided, i, imageSize()), channels);
            float[] cam = cams[i].resized(height, width);
            for (int p = 0; p < gb.length; p++) {
                gb[p] *= cam[p];
            }
            out[i] = new Attribution(AttributionMethod.GUIDED_GRADCAM, gb, height, width);
        }
        return out;
    }

    /** A CAM method: over one layer at its resolution, over several upsampled to the input's and averaged. */
    private Attribution[] cam(AttributionMethod method, float[] images, int n, int[] targets, List<String> layers) {
        if (layers.isEmpty()) {
            throw new AnalysisException(MessageBundles.bind(Messages.needsLayer, method.id()));
        }
        if (method == AttributionMethod.GRADCAM && gradCams.containsKey(layers.toString())) {
            return gradCams.get(layers.toString());
        }
        Attribution[] out;
        if (layers.size() == 1) {
            out = camOfLayer(method, images, n, targets, layers.get(0));
        } else {
            double[][] sum = new double[n][height * width];
            for (String layer : layers) {
                Attribution[] one = camOfLayer(method, images, n, targets, layer);
                for (int i = 0; i < n; i++) {
                    add(sum[i], one[i].resized(height, width));
                }
            }
            out = new Attribution[n];
            for (int i = 0; i < n; i++) {
                float[] mean = new float[height * width];
                for (int p = 0; p < mean.length; p++) {
                    mean[p] = (float) (sum[i][p] / layers.size());
                }
                out[i] = new Attribution(method, mean, height, width);
            }
        }
        if (method == AttributionMethod.GRADCAM) {
            gradCams.put(layers.toString(), out);
        }
        return out;
    }

    private Attribution[] camOfLayer(AttributionMethod method, float[] images, int n, int[] targets, String layer) {
        LayerValues v = switch (method) {
            case EIGENCAM, SCORECAM, ABLATIONCAM -> activation(images, n, layer);
            default -> gradient(images, n, targets, layer);
        };
        Attribution[] out = new Attribution[n];
        for (int i = 0; i < n; i++) {
            monitor.checkCanceled();
            float[] a = Maps.item(v.activation(), i, v.size());
            float[] g = v.gradient() == null ? null : Maps.item(v.gradient(), i, v.size());
            float[] map = switch (method) {
                case GRADCAM -> CamMaps.gradCam(a, g, v.h(), v.w(), v.k(), false);
                case GRADCAM_PLUS_PLUS -> CamMaps.gradCam(a, g, v.h(), v.w(), v.k(), true);
                case HIRESCAM -> CamMaps.hiResCam(a, g, v.k());
                case LAYERCAM -> CamMaps.layerCam(a, g, v.k());
                case XGRADCAM -> CamMaps.xGradCam(a, g, v.k());
                case EIGENCAM -> CamMaps.eigenCam(a, v.k());
                case SCORECAM -> CamMaps.weighted(a,
                        scoreCamWeights(Maps.item(images, i, imageSize()), a, v, targets[i]));
                case ABLATIONCAM -> CamMaps.weighted(a,
                        ablationWeights(Maps.item(images, i, imageSize()), a, v, layer, targets[i]));
                default -> throw new IllegalArgumentException(method.id() + " is not a CAM method");
            };
            out[i] = new Attribution(method, map, v.h(), v.w());
        }
        return out;
    }

    /**
     * w_k = y_c(x ⊙ M_k) − y_c(0), M_k the k-th channel upsampled to the input and scaled to [0, 1];
     * the masks are made batch by batch, not all at once (512 of them at 224×224 are 100 MB).
     */
    private float[] scoreCamWeights(float[] x, float[] a, LayerValues v, int target) {
        int k = v.k();
        int size = imageSize();
        float[] weights = new float[k];
        float baseline = scores(new float[size], 1, target)[0];
        float[] batch = new float[options.batch() * size];
        int[] channelOf = new int[options.batch()];
        int filled = 0;
        for (int c = 0; c < k; c++) {
            float[] channel = new float[v.h() * v.w()];
            for (int p = 0; p < channel.length; p++) {
                channel[p] = a[p * k + c];
            }
            float[] mask = Maps.resizeBilinear(channel, v.h(), v.w(), height, width);
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float u : mask) {
                min = Math.min(min, u);
                max = Math.max(max, u);
            }
            if (max > min) {
                int offset = filled * size;
                for (int p = 0; p < mask.length; p++) {
                    float m = (mask[p] - min) / (max - min);
                    for (int ch = 0; ch < channels; ch++) {
                        batch[offset + p * channels + ch] = x[p * channels + ch] * m;
                    }
                }
                channelOf[filled++] = c;
            }
            if (filled == options.batch() || c == k - 1 && filled > 0) {
                // forwardOnce keeps no input: the batch's array is filled again for the next one
                float[] y = scores(filled == options.batch() ? batch : Arrays.copyOf(batch, filled * size), filled,
                        target);
                for (int j = 0; j < filled; j++) {
                    weights[channelOf[j]] = y[j] - baseline;
                }
                filled = 0;
            }
        }
        return weights;
    }

    /** w_k = (y_c(x) − y_c(x with A_k = 0)) / (y_c(x) + 1e-7), the rest of the model run from the layer. */
    private float[] ablationWeights(float[] x, float[] a, LayerValues v, String layer, int target) {
        int k = v.k();
        int size = v.size();
        float[] weights = new float[k];
        Tensor image = new Tensor(x, new int[] { 1, height, width, channels });
        // the image's own score, from the activations cached when the explanation began
        float y = network.forward(image, List.of(scoreLayer)).output(scoreLayer).data()[target];
        // one array for every full batch: forwardReplacing keeps nothing of it
        float[] full = new float[Math.min(options.batch(), k) * size];
        for (int from = 0; from < k; from += options.batch()) {
            monitor.checkCanceled();
            int m = Math.min(options.batch(), k - from);
            float[] ablated = m * size == full.length ? full : new float[m * size];
            for (int j = 0; j < m; j++) {
                System.arraycopy(a, 0, ablated, j * size, size);
                for (int p = from + j; p < size; p += k) {
                    ablated[j * size + p] = 0f;
                }
            }
            Tensor out = network.forwardReplacing(List.of(image), layer,
                    new Tensor(ablated, new int[] { m, v.h(), v.w(), k }), scoreLayer);
            for (int j = 0; j < m; j++) {
                weights[from + j] = (float) ((y - out.data()[j * classes + target]) / (y + 1e-7));
            }
        }
        return weights;
    }

    private LayerValues activation(float[] images, int n, String layer) {
        LayerValues known = layerValues.get(layer);
        if (known != null) {
            return known;
        }
        float[] all = null;
        int[] s = null;
        for (int from = 0; from < n; from += options.batch()) {
            monitor.checkCanceled();
            int m = Math.min(options.batch(), n - from);
            Tensor a = network.forward(batch(images, from, m), List.of(layer)).output(layer);
            if (a == null) {
                throw new AnalysisException(MessageBundles.bind(Messages.layerNotRunnable, layer));
            }
            s = check4d(layer, a);
            if (all == null) {
                all = new float[n * a.size() / m];
            }
            System.arraycopy(a.data(), 0, all, from * (a.size() / m), a.size());
        }
        return new LayerValues(all, null, s[1], s[2], s[3]);
    }

    private LayerValues gradient(float[] images, int n, int[] targets, String layer) {
        LayerValues known = layerValues.get(layer);
        if (known != null && known.gradient() != null) {
            return known;
        }
        float[] acts = null;
        float[] grads = null;
        int[] s = null;
        for (int from = 0; from < n; from += options.batch()) {
            monitor.checkCanceled();
            int m = Math.min(options.batch(), n - from);
            GradientResult g = network.gradients(List.of(batch(images, from, m)),
                    Objective.unit(scoreLayer, classes, Arrays.copyOfRange(targets, from, from + m)), List.of(layer));
            Tensor a = g.outputs().get(layer);
            s = check4d(layer, a);
            int item = a.size() / m;
            if (acts == null) {
                acts = new float[n * item];
                grads = new float[n * item];
            }
            System.arraycopy(a.data(), 0, acts, from * item, a.size());
            System.arraycopy(g.gradient(layer).data(), 0, grads, from * item, a.size());
        }
        LayerValues v = new LayerValues(acts, grads, s[1], s[2], s[3]);
        layerValues.put(layer, v);
        return v;
    }

    private static int[] check4d(String layer, Tensor a) {
        if (a.rank() != 4) {
            throw new AnalysisException(MessageBundles.bind(Messages.needs4d, layer, Arrays.toString(a.shape())));
        }
        return a.shape();
    }
}
