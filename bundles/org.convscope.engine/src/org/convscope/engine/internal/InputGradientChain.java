package org.convscope.engine.internal;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.LayerSpec;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.Objective;
import org.convscope.engine.ops.OpConfig;
import org.convscope.engine.ops.UnsupportedConfigException;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.SpecifiedIndex;

/**
 * The gradient of an objective with respect to the input, for a model that up to the objective's
 * layer is a plain chain of stride-1 convolutions (ReLU or linear) and max pooling — VGG-style
 * convnets, the filter-pattern case. Gradient ascent calls this thousands of times, and the
 * general SameDiff path costs there in three ways this one avoids:
 * <ul>
 * <li>its backward pass runs {@code conv2d_bp}, which always computes the kernel's gradient too,
 * as much work again as the input's (oneDNN's trace shows a {@code backward_weights} primitive
 * per convolution and step); here each convolution goes back through its transpose alone, which
 * is exactly its input gradient;</li>
 * <li>of the objective layer only the channels the objective weighs are computed, forward and
 * back (one per filter, instead of all of them);</li>
 * <li>native memory stays at what one step needs: the activations and gradients go into buffers
 * made once per batch shape and reused by every step (freed by {@link #release}), the few arrays
 * made per call are closed before it returns. The general path's arrays wait for the garbage
 * collector; and allocating and freeing these large arrays every step instead leaves glibc's
 * allocator holding freed blocks (VGG16 at 150², batch 8: 670 MB peak RSS against 380 MB when it
 * returns them).</li>
 * </ul>
 * Anything else ({@link #plan} returns empty) takes the general path.
 */
final class InputGradientChain implements AutoCloseable {

    /** One layer of the chain, run forward and back on native arrays. */
    private sealed interface Step permits Conv, Pool {
    }

    /**
     * @param kernel     HWIO, as Keras stores it
     * @param bias       or {@code null}
     * @param transposed the kernel of the convolution's transpose, see {@link #transposed}
     */
    private record Conv(INDArray kernel, INDArray bias, INDArray transposed, int kh, int kw, boolean same, boolean relu)
            implements
                Step {
    }

    private record Pool(int kh, int kw, int sh, int sw, boolean same) implements Step {
    }

    private final List<Step> steps;
    /** The input shape the buffers below were made for; {@code null} when there are none. */
    private long[] bufferedShape;
    private INDArray[] acts;
    private INDArray[] gradients;

    private InputGradientChain(List<Step> steps) {
        this.steps = steps;
    }

    /**
     * @return the chain from the model's only input to {@code objectiveLayer}, or empty when some
     *         layer on the way is anything but what this class runs
     */
    static Optional<InputGradientChain> plan(NetworkSpec spec, String objectiveLayer, WeightCache weights) {
        if (spec.inputNames().size() != 1) {
            return Optional.empty();
        }
        Map<String, LayerSpec> byName = new HashMap<>();
        spec.layers().forEach(l -> byName.put(l.name(), l));
        List<LayerSpec> chain = new ArrayList<>();
        LayerSpec l = byName.get(objectiveLayer);
        while (l != null && !"InputLayer".equals(l.kerasClass())) {
            if (l.inbound().size() != 1) {
                return Optional.empty();
            }
            chain.add(0, l);
            l = byName.get(l.inbound().get(0));
        }
        if (l == null || !l.name().equals(spec.inputNames().get(0)) || chain.isEmpty()
                || !"Conv2D".equals(chain.get(chain.size() - 1).kerasClass())) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        try {
            for (LayerSpec layer : chain) {
                Optional<Step> s = step(layer, weights);
                if (s.isEmpty()) {
                    return Optional.empty();
                }
                steps.add(s.get());
            }
        } catch (UnsupportedConfigException | UncheckedIOException e) {
            // the general path says what is wrong, naming the layer
            return Optional.empty();
        }
        return Optional.of(new InputGradientChain(steps));
    }

    private static Optional<Step> step(LayerSpec layer, WeightCache weights) throws UnsupportedConfigException {
        OpConfig c = new OpConfig(layer.config());
        c.requireChannelsLast();
        String padding = c.string("padding", "valid");
        if (!padding.equals("valid") && !padding.equals("same")) {
            return Optional.empty();
        }
        boolean same = padding.equals("same");
        switch (layer.kerasClass()) {
            case "Conv2D", "Convolution2D" -> {
                int[] stride = c.ints("strides", 2, 1);
                int[] dil = c.ints("dilation_rate", 2, 1);
                String act = c.activation();
                if (stride[0] != 1 || stride[1] != 1 || dil[0] != 1 || dil[1] != 1 || c.integer("groups", 1) != 1
                        || !(act.equals("relu") || act.equals("linear"))) {
                    return Optional.empty();
                }
                List<INDArray> w = weights.weights(layer);
                INDArray kernel = w.get(0);
                // an even kernel's "same" padding is lopsided, and its transpose would need it on the other side
                if (kernel.rank() != 4 || same && (kernel.size(0) % 2 == 0 || kernel.size(1) % 2 == 0)) {
                    return Optional.empty();
                }
                INDArray bias = c.bool("use_bias", true) ? w.get(1) : null;
                return Optional
                        .of(new Conv(kernel, bias, transposed(kernel), (int) kernel.size(0), (int) kernel.size(1), same,
                                act.equals("relu")));
            }
            case "MaxPooling2D", "MaxPool2D" -> {
                int[] k = c.ints("pool_size", 2, 2);
                int[] stride = c.has("strides") && c.raw("strides") != null ? c.ints("strides", 2, 1) : k;
                return Optional.of(new Pool(k[0], k[1], stride[0], stride[1], same));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * @param input     (N, H, W, C)
     * @param objective weights broadcastable to the objective layer's (N, h, w, c) output
     * @return the gradient with respect to the input (the input's shape) and each item's objective
     */
    Result run(Tensor input, Objective objective) {
        Tensor wt = objective.weights();
        int[] ws = wt.shape();
        Conv last = (Conv) steps.get(steps.size() - 1);
        long channels = last.kernel().size(3);
        if (ws.length != 4 || ws[3] != channels) {
            throw new IllegalArgumentException("objective weights of shape " + Arrays.toString(ws) + " for "
                    + objective.layer() + "'s " + channels + " channels");
        }
        int[] used = usedChannels(wt);
        int n = steps.size();
        long[] inShape = Arrays.stream(input.shape()).asLongStream().toArray();
        buffers(inShape);
        // made per call: the objective layer's output (only the channels the objective weighs, so
        // its size varies) and what goes with it
        List<INDArray> own = new ArrayList<>(6);
        try {
            INDArray lastKernel = last.kernel();
            INDArray lastBias = last.bias();
            INDArray lastTransposed = last.transposed();
            if (used.length < channels) {
                lastKernel = owned(own, channels(lastKernel, used));
                lastBias = lastBias == null ? null : owned(own, channels(lastBias, used));
                lastTransposed = owned(own, transposed(lastKernel));
            }
            acts[0].data().setData(input.data());
            INDArray out = owned(own, Nd4j.createUninitialized(DataType.FLOAT, outShape(last, acts[n - 1].shape(),
                    used.length)));
            for (int i = 0; i < n; i++) {
                INDArray y = i < n - 1 ? acts[i + 1] : out;
                if (steps.get(i) instanceof Conv c) {
                    forward(c, c == last ? lastKernel : c.kernel(), c == last ? lastBias : c.bias(), acts[i], y);
                } else {
                    forward((Pool) steps.get(i), acts[i], y);
                }
            }
            INDArray dy = owned(own, Nd4j.create(outWeights(wt, used, out.shape()), out.shape(), 'c'));
            INDArray weighted = owned(own, out.mul(dy));
            float[] perItem = NdArrays.toTensor(owned(own, weighted.sum(1, 2, 3))).data();
            for (int i = n - 1; i >= 0; i--) {
                // the two gradient buffers take turns
                INDArray dx = view(gradients[(n - 1 - i) % 2], acts[i].shape());
                INDArray y = i < n - 1 ? acts[i + 1] : out;
                if (steps.get(i) instanceof Conv c) {
                    backward(c, c == last ? lastTransposed : c.transposed(), y, dy, dx);
                } else {
                    backward((Pool) steps.get(i), acts[i], dy, dx);
                }
                dy = dx;
            }
            return new Result(NdArrays.toTensor(dy), perItem);
        } finally {
            own.forEach(NdArrays::release);
        }
    }

    /**
     * Makes the buffers for inputs of shape {@code in} unless they exist: {@link #acts}[i] holds
     * the input of step i (the objective layer's output is made per call), and two flat
     * {@link #gradients} buffers, each as large as the largest of them, hold the gradient flowing
     * back.
     */
    private void buffers(long[] in) {
        if (Arrays.equals(in, bufferedShape)) {
            return;
        }
        release();
        acts = new INDArray[steps.size()];
        long[] shape = in;
        long largest = 0;
        for (int i = 0; i < steps.size(); i++) {
            acts[i] = Nd4j.createUninitialized(DataType.FLOAT, shape);
            largest = Math.max(largest, acts[i].length());
            shape = outShape(steps.get(i), shape, -1);
        }
        gradients = new INDArray[] { Nd4j.createUninitialized(DataType.FLOAT, largest),
                Nd4j.createUninitialized(DataType.FLOAT, largest) };
        bufferedShape = in.clone();
    }

    /** Frees the buffers kept between calls; the next call makes them again. */
    void release() {
        for (INDArray[] set : new INDArray[][] { acts, gradients }) {
            if (set != null) {
                Arrays.stream(set).forEach(NdArrays::release);
            }
        }
        acts = null;
        gradients = null;
        bufferedShape = null;
    }

    /** @return {@code shape} over the start of {@code flat}'s memory */
    private static INDArray view(INDArray flat, long[] shape) {
        return Nd4j.create(flat.data(), shape, Nd4j.getStrides(shape, 'c'), 0, 'c');
    }

    /**
     * @param channels the output channels of a convolution, or -1 for all of its kernel's
     * @return the output shape of {@code step} for an input of shape {@code in}
     */
    private static long[] outShape(Step step, long[] in, long channels) {
        if (step instanceof Conv c) {
            long h = c.same() ? in[1] : in[1] - c.kh() + 1;
            long w = c.same() ? in[2] : in[2] - c.kw() + 1;
            return new long[] { in[0], h, w, channels < 0 ? c.kernel().size(3) : channels };
        }
        Pool p = (Pool) step;
        long h = p.same() ? ceilDiv(in[1], p.sh()) : (in[1] - p.kh()) / p.sh() + 1;
        long w = p.same() ? ceilDiv(in[2], p.sw()) : (in[2] - p.kw()) / p.sw() + 1;
        return new long[] { in[0], h, w, in[3] };
    }

    private static INDArray owned(List<INDArray> own, INDArray a) {
        own.add(a);
        return a;
    }

    /** Frees the buffers and the transposed kernels (the kernels themselves belong to the network's weights). */
    @Override
    public void close() {
        release();
        for (Step s : steps) {
            if (s instanceof Conv c) {
                NdArrays.release(c.transposed());
            }
        }
    }

    /** @return whether the chain takes inputs of this shape (N, H, W, C) */
    boolean accepts(int[] inputShape) {
        long in = steps.get(0) instanceof Conv c ? c.kernel().size(2) : -1;
        return inputShape.length == 4 && (in < 0 || inputShape[3] == in);
    }

    /** The input gradient and each batch item's objective. */
    record Result(Tensor gradient, float[] perItem) {
    }

    private static void forward(Conv c, INDArray kernel, INDArray bias, INDArray x, INDArray y) {
        Conv2DConfig cfg = Conv2DConfig.builder().kH(c.kh()).kW(c.kw()).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(c.same() ? PaddingMode.SAME : PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC)
                .weightsFormat(WeightsFormat.YXIO).build();
        Nd4j.exec(new Conv2D(x, kernel, bias, y, cfg));
        if (c.relu()) {
            Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(y).addOutputs(y).addFloatingPointArguments(0.0)
                    .build());
        }
    }

    /**
     * The input gradient: ReLU's mask, then the convolution's transpose. That runs as an ordinary
     * convolution of the output gradient with the {@link #transposed} kernel, padded so that every
     * output position reaches back to each input it read ("full" padding {@code k − 1} for a valid
     * convolution, the same padding for an odd kernel's "same"): libnd4j's oneDNN convolution works
     * on NHWC directly, where its deconv2d and conv2d_bp reorder every activation to a blocked
     * layout and back (VGG16's first layer at 150², batch 8: 37 ms this way, 78 ms as deconv2d with
     * its reorders).
     */
    private static void backward(Conv c, INDArray transposedKernel, INDArray y, INDArray dy, INDArray dx) {
        if (c.relu()) {
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(y, dy).addOutputs(dy).addFloatingPointArguments(0.0)
                    .build());
        }
        transposedConvolution(c.kh(), c.kw(), c.same(), transposedKernel, dy, dx);
    }

    /**
     * The input gradient {@code dx} of a stride-1 convolution with a (kh, kw) kernel, "same" (odd
     * kernel) or "valid", from its output gradient {@code dy}.
     *
     * @param transposedKernel see {@link #transposed}
     */
    static void transposedConvolution(int kh, int kw, boolean same, INDArray transposedKernel, INDArray dy,
            INDArray dx) {
        Conv2DConfig cfg = Conv2DConfig.builder().kH(kh).kW(kw).sH(1).sW(1).dH(1).dW(1)
                .pH(same ? 0 : kh - 1).pW(same ? 0 : kw - 1)
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC)
                .weightsFormat(WeightsFormat.YXIO).build();
        Nd4j.exec(new Conv2D(dy, transposedKernel, null, dx, cfg));
    }

    /**
     * @param hwio a kernel (kH, kW, in, out)
     * @return the kernel of the convolution's transpose: rotated by 180° and in and out swapped,
     *         (kH, kW, out, in)
     */
    static INDArray transposed(INDArray hwio) {
        Tensor k = NdArrays.toTensor(hwio);
        int[] s = k.shape();
        int kh = s[0];
        int kw = s[1];
        int ci = s[2];
        int co = s[3];
        float[] src = k.data();
        float[] t = new float[src.length];
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                for (int a = 0; a < ci; a++) {
                    for (int b = 0; b < co; b++) {
                        t[(((kh - 1 - i) * kw + kw - 1 - j) * co + b) * ci + a] = src[((i * kw + j) * ci + a) * co + b];
                    }
                }
            }
        }
        return NdArrays.toNd(new Tensor(t, new int[] { kh, kw, co, ci }));
    }

    private static void forward(Pool p, INDArray x, INDArray y) {
        Nd4j.exec(new MaxPooling2D(x, y, config(p)));
    }

    private static void backward(Pool p, INDArray x, INDArray dy, INDArray dx) {
        // maxpool2d_bp takes the forward op's integer arguments
        int[] args = Arrays.stream(new MaxPooling2D(x, null, config(p)).iArgs()).mapToInt(Math::toIntExact).toArray();
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, dy).addOutputs(dx).addIntegerArguments(args)
                .build());
    }

    private static Pooling2DConfig config(Pool p) {
        return Pooling2DConfig.builder().kH(p.kh()).kW(p.kw()).sH(p.sh()).sW(p.sw()).dH(1).dW(1)
                .paddingMode(p.same() ? PaddingMode.SAME : PaddingMode.VALID).isNHWC(true).build();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** @return the channels (last axis) of the objective weights that are non-zero for some item */
    private static int[] usedChannels(Tensor wt) {
        int c = wt.shape()[3];
        boolean[] used = new boolean[c];
        float[] d = wt.data();
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 0f) {
                used[i % c] = true;
            }
        }
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        int[] out = new int[Math.max(1, n)];
        for (int i = 0, k = 0; i < c && k < n; i++) {
            if (used[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** @return a copy of {@code a} keeping {@code channels} of its last axis */
    private static INDArray channels(INDArray a, int[] channels) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        for (int i = 0; i < idx.length - 1; i++) {
            idx[i] = NDArrayIndex.all();
        }
        long[] c = new long[channels.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = channels[k];
        }
        idx[idx.length - 1] = new SpecifiedIndex(c);
        return a.get(idx).dup('c');
    }

    /** The objective weights broadcast to the output's shape, keeping only {@code used} channels. */
    private static float[] outWeights(Tensor wt, int[] used, long[] outShape) {
        int[] ws = wt.shape();
        int n = (int) outShape[0];
        int h = (int) outShape[1];
        int w = (int) outShape[2];
        int u = used.length;
        float[] src = wt.data();
        float[] out = new float[n * h * w * u];
        for (int b = 0; b < n; b++) {
            int sb = ws[0] == 1 ? 0 : b;
            for (int y = 0; y < h; y++) {
                int sy = ws[1] == 1 ? 0 : y;
                for (int x = 0; x < w; x++) {
                    int sx = ws[2] == 1 ? 0 : x;
                    int base = ((sb * ws[1] + sy) * ws[2] + sx) * ws[3];
                    int o = ((b * h + y) * w + x) * u;
                    for (int k = 0; k < u; k++) {
                        out[o + k] = src[base + used[k]];
                    }
                }
            }
        }
        return out;
    }
}
