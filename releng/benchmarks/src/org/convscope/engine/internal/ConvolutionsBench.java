package org.convscope.engine.internal;

import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_destroy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.bytedeco.dnnl.dnnl_stream;
import org.convscope.engine.Engine;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The convolutions of ResNet50 and VGG16 (224², Keras's shapes, batch N) run two ways in one
 * process, layer after layer as in a forward pass: the engine's libnd4j path ({@code conv2d} on
 * channels-last activations and a (kH, kW, in, out) kernel, bias inside, then the ReLU as its own
 * op) and oneDNN driven directly ({@link DnnlConvolution}: primitive made and kernel reordered once,
 * bias and ReLU fused). Each pass alternates between the two; prints per network the median of
 * the passes' sums, per layer kind the medians, and the largest relative difference of the outputs.
 * ResNet50's batch normalizations are folded into the kernels in the engine, so its convolutions
 * carry a bias here too. Not a test.
 *
 * MobileNetV2's depthwise convolutions run as libnd4j's {@code depthwise_conv2d} against oneDNN's
 * grouped convolution.
 *
 * <pre>java -cp ... org.convscope.engine.internal.ConvolutionsBench [BATCH=1] [PASSES=7] [resnet50,vgg16,mobilenetv2]</pre>
 */
public final class ConvolutionsBench {

    private ConvolutionsBench() {
    }

    /**
     * One convolution layer: input (H, W, C), kernel k×k to {@code out}, stride, padding, the
     * rectifier after; a depthwise one (one output per channel, {@code out == c}) when
     * {@code depthwise}.
     */
    private record Layer(String name, int h, int w, int c, int k, int out, int stride, boolean same,
            DnnlConvolution.PostOp post, boolean depthwise) {

        Layer(String name, int h, int w, int c, int k, int out, int stride, boolean same, boolean relu) {
            this(name, h, w, c, k, out, stride, same, relu ? DnnlConvolution.PostOp.RELU : DnnlConvolution.PostOp.NONE,
                    false);
        }

        DnnlConvolution.Spec spec() {
            return new DnnlConvolution.Spec(new long[] { k, k, depthwise ? 1 : c, out }, depthwise ? c : 1,
                    new int[] { stride, stride }, new int[] { 1, 1 }, same, post);
        }

        double flops(int batch) {
            long[] o = spec().outSize(h, w);
            return 2.0 * batch * o[0] * o[1] * out * k * k * (depthwise ? 1 : c);
        }

        String kind() {
            return (depthwise ? "dw " : "") + k + "x" + k + (stride != 1 ? " s" + stride : "");
        }
    }

    /** keras.applications.ResNet50 (v1): the stride on each stage's first 1×1 convolution. */
    static List<Layer> resnet50() {
        List<Layer> l = new ArrayList<>();
        l.add(new Layer("conv1", 230, 230, 3, 7, 64, 2, false, true));
        int[] blocks = { 3, 4, 6, 3 };
        int[] width = { 64, 128, 256, 512 };
        int size = 56;
        int in = 64;
        for (int s = 0; s < 4; s++) {
            int f = width[s];
            for (int b = 0; b < blocks[s]; b++) {
                int stride = b == 0 && s > 0 ? 2 : 1;
                int inSize = size;
                int outSize = stride == 2 ? size / 2 : size;
                String p = "conv" + (s + 2) + "_block" + (b + 1);
                if (b == 0) {
                    l.add(new Layer(p + "_0", inSize, inSize, in, 1, 4 * f, stride, false, false));
                }
                l.add(new Layer(p + "_1", inSize, inSize, in, 1, f, stride, false, true));
                l.add(new Layer(p + "_2", outSize, outSize, f, 3, f, 1, true, true));
                l.add(new Layer(p + "_3", outSize, outSize, f, 1, 4 * f, 1, false, false));
                in = 4 * f;
                size = outSize;
            }
        }
        return l;
    }

    /**
     * keras.applications.MobileNetV2 (alpha 1): ReLU6 after the stem, each expansion and each
     * depthwise convolution; a strided depthwise convolution in "same" mode (the engine folds
     * Keras's ZeroPadding2D before it so).
     */
    static List<Layer> mobilenetv2() {
        DnnlConvolution.PostOp relu6 = DnnlConvolution.PostOp.RELU6;
        DnnlConvolution.PostOp none = DnnlConvolution.PostOp.NONE;
        List<Layer> l = new ArrayList<>();
        l.add(new Layer("Conv1", 224, 224, 3, 3, 32, 2, true, relu6, false));
        l.add(new Layer("expanded_conv_depthwise", 112, 112, 32, 3, 32, 1, true, relu6, true));
        l.add(new Layer("expanded_conv_project", 112, 112, 32, 1, 16, 1, true, none, false));
        int[][] stages = { { 24, 2, 2 }, { 32, 2, 3 }, { 64, 2, 4 }, { 96, 1, 3 }, { 160, 2, 3 }, { 320, 1, 1 } };
        int size = 112;
        int in = 16;
        int block = 1;
        for (int[] st : stages) {
            for (int r = 0; r < st[2]; r++) {
                int stride = r == 0 ? st[1] : 1;
                int e = 6 * in;
                String p = "block_" + block++;
                l.add(new Layer(p + "_expand", size, size, in, 1, e, 1, true, relu6, false));
                l.add(new Layer(p + "_depthwise", size, size, e, 3, e, stride, true, relu6, true));
                size = stride == 2 ? size / 2 : size;
                l.add(new Layer(p + "_project", size, size, e, 1, st[0], 1, true, none, false));
                in = st[0];
            }
        }
        l.add(new Layer("Conv_1", size, size, in, 1, 1280, 1, true, relu6, false));
        return l;
    }

    static List<Layer> vgg16() {
        List<Layer> l = new ArrayList<>();
        int[][] blocks = { { 64, 64 }, { 128, 128 }, { 256, 256, 256 }, { 512, 512, 512 }, { 512, 512, 512 } };
        int size = 224;
        int in = 3;
        for (int b = 0; b < blocks.length; b++) {
            for (int i = 0; i < blocks[b].length; i++) {
                l.add(new Layer("block" + (b + 1) + "_conv" + (i + 1), size, size, in, 3, blocks[b][i], 1, true, true));
                in = blocks[b][i];
            }
            size /= 2;
        }
        return l;
    }

    /** A layer's operands and outputs, both ways. */
    private static final class Run implements AutoCloseable {

        final Layer layer;
        final INDArray x;
        final INDArray kernel;
        final INDArray bias;
        final INDArray yNd4j;
        final INDArray yRelu;
        final INDArray yDnnl;
        final DnnlConvolution dnnl;
        final DynamicCustomOp conv;
        final double createMs;

        Run(Layer l, int batch, Random random, dnnl_stream stream) {
            layer = l;
            x = array(random, 1, batch, l.h, l.w, l.c);
            kernel = array(random, 1 / Math.sqrt(l.k * l.k * l.c), l.k, l.k, l.depthwise ? 1 : l.c, l.out);
            bias = array(random, 0.1, l.out);
            long t0 = System.nanoTime();
            dnnl = new DnnlConvolution(l.spec(), kernel.data().asFloat(), bias.data().asFloat(), x.shape(), stream);
            createMs = (System.nanoTime() - t0) / 1e6;
            long[] out = dnnl.outputShape();
            yNd4j = Nd4j.createUninitialized(DataType.FLOAT, out);
            yRelu = Nd4j.createUninitialized(DataType.FLOAT, out);
            yDnnl = Nd4j.createUninitialized(DataType.FLOAT, out);
            conv = DynamicCustomOp.builder(l.depthwise ? "depthwise_conv2d" : "conv2d").addInputs(x,
                    l.depthwise ? kernel.reshape('c', l.k, l.k, l.c, 1) : kernel, bias).addOutputs(yNd4j)
                    .addIntegerArguments(l.k, l.k, l.stride, l.stride, 0, 0, 1, 1, l.same ? 1 : 0, 1, 0).build();
        }

        /**
         * @return milliseconds of the convolution and of the ReLU after it, the engine's way:
         *         libnd4j's {@code conv2d}, or for a 1×1 kernel on a batch the matrix product of
         *         {@link Pointwise}
         */
        double[] nd4j(BufferPool pool) {
            long t0 = System.nanoTime();
            if (layer.k == 1 && x.size(0) >= 2) {
                List<INDArray> made = new ArrayList<>();
                INDArray z = Pointwise.forward(x, kernel, bias, new long[] { layer.stride, layer.stride }, pool, made);
                yNd4j.assign(z);
                pool.give(z);
            } else {
                Nd4j.exec(conv);
            }
            long t1 = System.nanoTime();
            if (layer.post == DnnlConvolution.PostOp.RELU) {
                Nd4j.exec(new RectifiedLinear(yNd4j, yRelu, 0));
            } else if (layer.post == DnnlConvolution.PostOp.RELU6) {
                Rectifiers.relu6(yNd4j, yRelu);
            }
            return new double[] { (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6 };
        }

        double dnnl(dnnl_stream stream) {
            long t0 = System.nanoTime();
            dnnl.forward(x, yDnnl, stream);
            return (System.nanoTime() - t0) / 1e6;
        }

        /** @return max |direct − libnd4j| / max |libnd4j| */
        double difference() {
            INDArray ref = layer.post != DnnlConvolution.PostOp.NONE ? yRelu : yNd4j;
            double scale = ref.amaxNumber().doubleValue();
            return yDnnl.sub(ref).amaxNumber().doubleValue() / scale;
        }

        @Override
        public void close() {
            dnnl.close();
            for (INDArray a : new INDArray[] { x, kernel, bias, yNd4j, yRelu, yDnnl }) {
                NdArrays.release(a);
            }
        }
    }

    private static INDArray array(Random random, double scale, long... shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return Nd4j.create(v, shape, 'c');
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<String> nets = Arrays.asList((args.length > 2 ? args[2] : "resnet50,vgg16").split(","));
        Engine.checkPlatform();
        if (!Dnnl.available()) {
            throw new IllegalStateException("oneDNN's presets did not load");
        }
        dnnl_stream stream = new dnnl_stream();
        Dnnl.check(dnnl_stream_create(stream, Dnnl.engine(), dnnl_stream_default_flags), "stream");
        try {
            peak();
            for (String net : nets) {
                List<Layer> layers = switch (net) {
                case "vgg16" -> vgg16();
                case "mobilenetv2" -> mobilenetv2();
                default -> resnet50();
                };
                bench(net, layers, batch, passes, stream);
            }
        } finally {
            dnnl_stream_destroy(stream);
        }
    }

    /** oneDNN's own sgemm, 4096² by 4096², best of 5 ({@link DnnlPeak}). */
    private static void peak() {
        System.out.println(DnnlPeak.measure(4096, 5).replace("\"case\":\"peak\"", "\"case\":\"peak-dnnl-sgemm\""));
    }

    private static void bench(String net, List<Layer> layers, int batch, int passes, dnnl_stream stream) {
        Random random = new Random(42);
        List<Run> runs = new ArrayList<>();
        try (BufferPool pool = new BufferPool()) {
            double create = 0;
            for (Layer l : layers) {
                Run r = new Run(l, batch, random, stream);
                runs.add(r);
                create += r.createMs;
            }
            int n = layers.size();
            double[][] conv = new double[n][passes];
            double[][] relu = new double[n][passes];
            double[][] direct = new double[n][passes];
            // two untimed passes each way first
            for (int p = -2; p < passes; p++) {
                boolean nd4jFirst = (p & 1) == 0;
                for (int way = 0; way < 2; way++) {
                    boolean nd4j = (way == 0) == nd4jFirst;
                    for (int i = 0; i < n; i++) {
                        if (nd4j) {
                            double[] t = runs.get(i).nd4j(pool);
                            if (p >= 0) {
                                conv[i][p] = t[0];
                                relu[i][p] = t[1];
                            }
                        } else {
                            double t = runs.get(i).dnnl(stream);
                            if (p >= 0) {
                                direct[i][p] = t;
                            }
                        }
                    }
                }
            }
            double flops = layers.stream().mapToDouble(l -> l.flops(batch)).sum();
            double worst = 0;
            String worstLayer = "";
            List<String> impls = new ArrayList<>();
            for (Run r : runs) {
                double d = r.difference();
                if (!(d <= worst)) {
                    worst = d;
                    worstLayer = r.layer.name;
                }
                String impl = r.layer.kind() + " " + r.dnnl.implementation();
                if (!impls.contains(impl)) {
                    impls.add(impl);
                }
            }
            double convSum = median(sums(conv));
            double convReluSum = median(sums(add(conv, relu)));
            double directSum = median(sums(direct));
            System.out.println(String.format(Locale.ROOT,
                    "{\"case\":\"%s-convolutions\",\"batch\":%d,\"layers\":%d,\"passes\":%d,"
                            + "\"nd4j_conv_ms\":%.2f,\"nd4j_conv_relu_ms\":%.2f,\"dnnl_ms\":%.2f,"
                            + "\"speedup_conv\":%.3f,\"speedup_conv_relu\":%.3f,\"gflop\":%.3f,"
                            + "\"nd4j_gflops\":%.1f,\"dnnl_gflops\":%.1f,\"dnnl_create_ms\":%.1f,"
                            + "\"max_rel_diff\":%.3g,\"max_rel_diff_layer\":\"%s\",\"dnnl_impls\":\"%s\"}",
                    net, batch, n, passes, convSum, convReluSum, directSum, convSum / directSum,
                    convReluSum / directSum, flops / 1e9, flops / convSum / 1e6, flops / directSum / 1e6, create,
                    worst, worstLayer, String.join("; ", impls)));
            for (int i = 0; i < n; i++) {
                System.out.println(String.format(Locale.ROOT,
                        "{\"case\":\"%s-layer\",\"layer\":\"%s\",\"kind\":\"%s\",\"nd4j_conv_ms\":%.3f,"
                                + "\"nd4j_relu_ms\":%.3f,\"dnnl_ms\":%.3f}",
                        net, layers.get(i).name(), layers.get(i).kind(), median(conv[i]), median(relu[i]),
                        median(direct[i])));
            }
            // per kind of layer: the medians summed
            List<String> kinds = layers.stream().map(Layer::kind).distinct().toList();
            for (String kind : kinds) {
                double a = 0;
                double b = 0;
                double c = 0;
                for (int i = 0; i < n; i++) {
                    if (layers.get(i).kind().equals(kind)) {
                        a += median(conv[i]);
                        b += median(relu[i]);
                        c += median(direct[i]);
                    }
                }
                System.out.println(String.format(Locale.ROOT,
                        "{\"case\":\"%s-kind\",\"kind\":\"%s\",\"nd4j_conv_ms\":%.2f,\"nd4j_relu_ms\":%.2f,"
                                + "\"dnnl_ms\":%.2f}",
                        net, kind, a, b, c));
            }
        } finally {
            runs.forEach(Run::close);
        }
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                c[i][j] = a[i][j] + b[i][j];
            }
        }
        return c;
    }

    /** @return per pass, the sum over the layers */
    private static double[] sums(double[][] byLayer) {
        double[] s = new double[byLayer[0].length];
        for (double[] l : byLayer) {
            for (int p = 0; p < s.length; p++) {
                s[p] += l[p];
            }
        }
        return s;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
