package org.convscope.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.internal.NdArrays;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a warm forward pass's time goes: per SameDiff op (a listener timing each op's execution
 * inside {@code SameDiff.output}), the rest of {@code SameDiff.output} (graph bookkeeping), the
 * copies to Java arrays, and for comparison each Conv2D run alone with {@code Nd4j.exec} into a
 * preallocated output. Reaches the network's SameDiff graph by reflection (benchmark only). Not a
 * test.
 *
 * <pre>java -cp ... org.convscope.engine.bench.ForwardProfile MODEL INPUT.npy [RUNS]</pre>
 */
public final class ForwardProfile {

    private ForwardProfile() {
    }

    /** Accumulates each op's execution time. */
    private static final class OpTimer extends BaseListener {

        final Map<String, double[]> byOp = new LinkedHashMap<>(); // name -> {ms, calls}
        final Map<String, String> type = new HashMap<>();
        final Map<String, String> shape = new HashMap<>();
        boolean on;
        private long start;

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext ctx) {
            start = System.nanoTime();
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx,
                INDArray[] outputs) {
            long t = System.nanoTime();
            if (!on) {
                return;
            }
            double[] v = byOp.computeIfAbsent(op.getName(), k -> new double[2]);
            v[0] += (t - start) / 1e6;
            v[1]++;
            type.put(op.getName(), op.getOp().opName());
            if (outputs != null && outputs.length > 0 && outputs[0] != null) {
                shape.put(op.getName(), Arrays.toString(outputs[0].shape()));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Tensor x = Npy.read(Path.of(args[1]));
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.println("engine: " + Engine.nativeDescription().replace('\n', ' '));
        try (ModelGraph g = KerasModels.open(model); Network net = Engine.open(g)) {
            net.forward(x, List.of());
            Object built = firstGraph(net);
            SameDiff sd = (SameDiff) call(built, "sd");
            @SuppressWarnings("unchecked")
            List<String> placeholders = (List<String>) call(built, "placeholders");
            @SuppressWarnings("unchecked")
            Map<String, String> variables = (Map<String, String>) call(built, "variables");
            OpTimer timer = new OpTimer();
            sd.setListeners(timer);
            List<String> names = net.layerNames();
            String last = names.get(names.size() - 1);
            List<String> vars = new ArrayList<>(new LinkedHashSet<>(variables.values()));
            double[] all = new double[runs];
            double[] pred = new double[runs];
            double[] raw = new double[runs];
            double[] copy = new double[runs];
            for (int w = -2; w < runs; w++) {
                timer.on = w >= 0;
                net.clearCache();
                long t0 = System.nanoTime();
                net.forward(x, List.of());
                long t1 = System.nanoTime();
                net.clearCache();
                net.forward(x, List.of(last));
                long t2 = System.nanoTime();
                // the same graph call without Convscope around it, then the copies to Java arrays
                INDArray in = NdArrays.toNd(x);
                Map<String, INDArray> out = sd.output(Map.of(placeholders.get(0), in), vars);
                long t3 = System.nanoTime();
                for (INDArray a : out.values()) {
                    NdArrays.toTensor(a);
                }
                long t4 = System.nanoTime();
                out.values().forEach(NdArrays::release);
                in.close();
                if (w >= 0) {
                    all[w] = (t1 - t0) / 1e6;
                    pred[w] = (t2 - t1) / 1e6;
                    raw[w] = (t3 - t2) / 1e6;
                    copy[w] = (t4 - t3) / 1e6;
                }
            }
            // the listener ran during all three graph calls per round: 3 × runs executions of each op
            double opsTotal = 0;
            Map<String, Double> perType = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : timer.byOp.entrySet()) {
                double perCall = e.getValue()[0] / e.getValue()[1];
                opsTotal += perCall;
                perType.merge(timer.type.get(e.getKey()), perCall, Double::sum);
            }
            System.out.printf(Locale.ROOT, "median of %d warm calls (listener on; load %.1f):%n", runs,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "  network.forward, all %d layers:      %8.1f ms%n", names.size(),
                    median(all));
            System.out.printf(Locale.ROOT, "  network.forward, last layer only:    %8.1f ms%n", median(pred));
            System.out.printf(Locale.ROOT, "  sd.output, all layers (no copies):   %8.1f ms%n", median(raw));
            System.out.printf(Locale.ROOT, "  copies of all outputs to Java:       %8.1f ms%n", median(copy));
            System.out.printf(Locale.ROOT, "  sum of op executions (mean per call): %8.1f ms over %d ops%n", opsTotal,
                    timer.byOp.size());
            System.out.println("per op type (mean ms per forward):");
            perType.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %-22s %8.2f%n", e.getKey(), e.getValue()));
            System.out.println("per op (mean ms per call), slowest first:");
            timer.byOp.entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue()[0] / b.getValue()[1],
                            a.getValue()[0] / a.getValue()[1]))
                    .limit(30)
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %-28s %-14s %8.2f  out %s%n", e.getKey(),
                            timer.type.get(e.getKey()), e.getValue()[0] / e.getValue()[1],
                            timer.shape.get(e.getKey())));
            sd.setListeners();
        }
        convAlone(runs);
    }

    /** Each distinct VGG16 conv shape alone, Nd4j.exec into a preallocated output (bias, no ReLU). */
    private static void convAlone(int runs) {
        int[][] shapes = { { 224, 3, 64 }, { 224, 64, 64 }, { 112, 64, 128 }, { 112, 128, 128 }, { 56, 128, 256 },
                { 56, 256, 256 },
                { 28, 256, 512 }, { 28, 512, 512 }, { 14, 512, 512 } };
        int[] count = { 1, 1, 1, 1, 1, 2, 1, 2, 3 };
        System.out.println("VGG16 conv shapes alone, Nd4j.exec(Conv2D) NHWC/YXIO into a preallocated output:");
        double total = 0;
        for (int i = 0; i < shapes.length; i++) {
            int n = shapes[i][0];
            int cin = shapes[i][1];
            int cout = shapes[i][2];
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, n, n, cin);
            INDArray w = Nd4j.rand(DataType.FLOAT, 3, 3, cin, cout).subi(0.5);
            INDArray b = Nd4j.rand(DataType.FLOAT, cout);
            INDArray y = Nd4j.create(DataType.FLOAT, 1, n, n, cout);
            Conv2DConfig cfg = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).dH(1).dW(1).paddingMode(PaddingMode.SAME)
                    .dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
            double[] ms = new double[runs];
            for (int r = -2; r < runs; r++) {
                long t = System.nanoTime();
                Nd4j.exec(new Conv2D(x, w, b, y, cfg));
                if (r >= 0) {
                    ms[r] = (System.nanoTime() - t) / 1e6;
                }
            }
            double m = median(ms);
            total += m * count[i];
            double gflop = 2.0 * n * n * 9 * cin * cout / 1e9;
            System.out.printf(Locale.ROOT, "  %3d²×%3d→%3d  ×%d  %7.1f ms  %6.1f GFLOP/s%n", n, cin, cout, count[i], m,
                    gflop / m * 1e3);
            x.close();
            w.close();
            b.close();
            y.close();
        }
        System.out.printf(Locale.ROOT, "  13 conv layers alone: %.1f ms%n", total);
    }

    private static Object firstGraph(Network net) throws ReflectiveOperationException {
        Field f = net.getClass().getDeclaredField("graphs");
        f.setAccessible(true);
        return ((Map<?, ?>) f.get(net)).values().iterator().next();
    }

    private static Object call(Object target, String accessor) throws ReflectiveOperationException {
        Method m = target.getClass().getDeclaredMethod(accessor);
        m.setAccessible(true);
        return m.invoke(target);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
