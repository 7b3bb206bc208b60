package org.convscope.engine.visualize;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.GradientResult;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;

/**
 * Where the model looks: Grad-CAM and Grad-CAM++ heat maps of one class score over a conv-like
 * layer's output. The score's gradient with respect to that output comes from the engine in one
 * backward pass through the head only; the rest is a few loops here. Nested models work like any
 * other, since the engine runs them flattened: name the inner layer by its id
 * ({@code "vgg16/block5_conv3"}).
 */
public final class GradCam {

    private final Network network;

    /** @param network the model; one image input */
    public GradCam(Network network) {
        this.network = network;
    }

    /**
     * @param input  one image, shape (1, H, W, C), preprocessed
     * @param scoreLayer the layer holding the class scores, shape (1, classes)
     * @param k      how many
     * @param labels class names, or {@code null}
     * @return the {@code k} highest units, highest first
     */
    public List<Prediction> predictions(Tensor input, String scoreLayer, int k, List<String> labels) {
        Tensor scores = network.forward(input, List.of(scoreLayer)).output(scoreLayer);
        if (scores.rank() != 2) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.notClassScores, scoreLayer, Arrays.toString(scores.shape())));
        }
        float[] s = scores.data();
        int classes = scores.dim(1);
        return IntStream.range(0, classes).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -s[i]).thenComparingInt(i -> i))
                .limit(k)
                .map(i -> new Prediction(i, s[i], labels != null && i < labels.size() ? labels.get(i) : null))
                .toList();
    }

    /**
     * Computes the map of {@code classIndex} (or, when negative, the top class) over {@code layer}.
     *
     * @param input      one image, shape (1, H, W, C), preprocessed
     * @param layer      a layer with a 4-D output
     * @param scoreLayer the layer holding the class scores (usually the model's output)
     * @param classIndex the unit to explain, or −1 for the top prediction
     * @param labels     class names for the predictions, or {@code null}
     */
    public GradCamResult compute(Tensor input, String layer, String scoreLayer, int classIndex, CamMethod method,
            List<String> labels) {
        if (input.rank() != 4 || input.dim(0) != 1) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.gradCamOneImage, Arrays.toString(input.shape())));
        }
        // one forward pass for the scores and the layer: the predictions and the gradient's cut read
        // both from the network's activation cache instead of running the model twice more
        network.forward(input, List.of(scoreLayer, layer));
        List<Prediction> top = predictions(input, scoreLayer, 5, labels);
        int classes = classCount(input, scoreLayer);
        int target = classIndex < 0 ? top.get(0).index() : classIndex;
        if (target >= classes) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.classOutOfRange, scoreLayer, classes, target + 1));
        }
        GradientResult g = network.gradients(List.of(input), Objective.unit(scoreLayer, classes, target),
                List.of(layer));
        Tensor activation = g.outputs().get(layer);
        Tensor gradient = g.gradient(layer);
        if (activation.rank() != 4) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.gradCamNeeds4d, layer, Arrays.toString(activation.shape())));
        }
        float[] raw = map(activation, gradient, method);
        return new GradCamResult(layer, scoreLayer, target, g.objectivePerItem()[0], method, raw, activation.dim(2),
                activation.dim(1), top);
    }

    /**
     * The map of the first batch item, before normalisation.
     *
     * @param activation the layer's output A, (1, H, W, K)
     * @param gradient   d score / d A, same shape
     * @return ReLU(Σ_k w_k A^k), H·W values row-major
     */
    public static float[] map(Tensor activation, Tensor gradient, CamMethod method) {
        int h = activation.dim(1);
        int w = activation.dim(2);
        int k = activation.dim(3);
        int hw = h * w;
        float[] a = activation.data();
        float[] g = gradient.data();
        float[] weights = method == CamMethod.GRADCAM ? meanWeights(g, hw, k) : plusPlusWeights(a, g, hw, k);
        float[] cam = new float[hw];
        for (int p = 0; p < hw; p++) {
            float s = 0;
            for (int c = 0; c < k; c++) {
                s += weights[c] * a[p * k + c];
            }
            cam[p] = Math.max(s, 0f);
        }
        return cam;
    }

    private static float[] meanWeights(float[] g, int hw, int k) {
        double[] sum = new double[k];
        for (int p = 0; p < hw; p++) {
            for (int c = 0; c < k; c++) {
                sum[c] += g[p * k + c];
            }
        }
        float[] w = new float[k];
        for (int c = 0; c < k; c++) {
            w[c] = (float) (sum[c] / hw);
        }
        return w;
    }

    private static float[] plusPlusWeights(float[] a, float[] g, int hw, int k) {
        double[] activationSum = new double[k];
        for (int p = 0; p < hw; p++) {
            for (int c = 0; c < k; c++) {
                activationSum[c] += a[p * k + c];
            }
        }
        double[] w = new double[k];
        for (int p = 0; p < hw; p++) {
            for (int c = 0; c < k; c++) {
                double gi = g[p * k + c];
                double g2 = gi * gi;
                double denominator = 2 * g2 + activationSum[c] * g2 * gi;
                double alpha = denominator != 0 ? g2 / denominator : 0;
                w[c] += alpha * Math.max(gi, 0);
            }
        }
        float[] out = new float[k];
        for (int c = 0; c < k; c++) {
            out[c] = (float) w[c];
        }
        return out;
    }

    /**
     * The one rule for a model's class count: the last dimension of the score layer's output, by the
     * engine's shapes (nothing is computed).
     *
     * @return the unit count of {@code scoreLayer} for inputs shaped like {@code input}
     */
    public int classCount(Tensor input, String scoreLayer) {
        int[] s = network.outputShapes(List.of(input.shape())).get(scoreLayer);
        if (s == null) {
            throw new AnalysisException(MessageBundles.bind(Messages.noLayer, scoreLayer, network.name()));
        }
        return s[s.length - 1];
    }
}
