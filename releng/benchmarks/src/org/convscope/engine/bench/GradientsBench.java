package org.convscope.engine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.GradCam;

/**
 * The Convscope half of {@code releng/benchmarks/gradients_vs_tf.sh}: the same work as
 * {@code tf_gradients.py}, warm, in one process, one JSON line per timed call. Not a test.
 *
 * <pre>
 * java -cp ... org.convscope.engine.bench.GradientsBench --model F --input X.npy --label NAME
 *     --case gradcam|input_grad|forward [--layer L] [--runs N]
 * </pre>
 *
 * {@code gradcam}: {@link GradCam#compute} of the top class at the layer (prediction, gradient,
 * map); {@code input_grad}: the gradient of each image's class score (class n mod classes for image
 * n) with respect to the input, the whole batch in one call; {@code forward}: the model's last
 * layer (cache cleared before every call, so each call computes).
 */
public final class GradientsBench {

    private GradientsBench() {
    }

    public static void main(String[] args) throws IOException {
        Path model = null;
        Path input = null;
        String label = "model";
        String kase = null;
        String layer = null;
        int runs = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--input" -> input = Path.of(args[++i]);
                case "--label" -> label = args[++i];
                case "--case" -> kase = args[++i];
                case "--layer" -> layer = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (model == null || input == null || kase == null || ("gradcam".equals(kase) && layer == null)) {
            usage("missing argument");
        }
        System.out.printf("{\"side\":\"convscope\",\"engine\":\"%s\"}%n", json(Engine.nativeDescription()));
        Tensor x = Npy.read(input);
        long t0 = System.nanoTime();
        try (ModelGraph g = KerasModels.open(model); Network net = Engine.open(g)) {
            List<String> names = net.layerNames();
            String last = names.get(names.size() - 1);
            String in = net.inputNames().get(0);
            String extra;
            Supplier<Tensor> call;
            switch (kase) {
                case "forward" -> {
                    call = () -> {
                        net.clearCache();
                        return net.forward(x, List.of(last)).output(last);
                    };
                    extra = "";
                }
                case "gradcam" -> {
                    GradCam cam = new GradCam(net);
                    String camLayer = layer;
                    call = () -> {
                        net.clearCache();
                        return cam.compute(x, camLayer, last, -1, CamMethod.GRADCAM, null).normalizedTensor();
                    };
                    extra = ",\"layer\":\"" + json(layer) + "\"";
                }
                case "input_grad" -> {
                    Objective objective = unitPerItem(net, last, x);
                    call = () -> {
                        net.clearCache();
                        return net.gradients(List.of(x), objective, List.of(in)).gradient(in);
                    };
                    extra = ",\"batch\":" + x.dim(0);
                }
                default -> {
                    usage("unknown case " + kase);
                    return;
                }
            }
            Tensor first = call.get();
            System.out.printf(Locale.ROOT,
                    "{\"side\":\"convscope\",\"case\":\"%s %s\",\"first_ms\":%.1f,\"shape\":\"%s\"}%n", label, kase,
                    (System.nanoTime() - t0) / 1e6, shape(first.shape()));
            for (int r = -2; r < runs; r++) {
                long t = System.nanoTime();
                Tensor result = call.get();
                double ms = (System.nanoTime() - t) / 1e6;
                if (r >= 0) {
                    System.out.printf(Locale.ROOT,
                            "{\"side\":\"convscope\",\"case\":\"%s %s\",\"rep\":%d,\"ms\":%.2f,\"check\":%.8g,"
                                    + "\"load\":%.2f%s}%n",
                            label, kase, r, ms, sumOfSquares(result), load(), extra);
                }
            }
        }
        System.out.printf("{\"side\":\"convscope\",\"vm_hwm_kb\":%d}%n", vmHwmKb());
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: GradientsBench --model F --input X.npy --label NAME "
                + "--case gradcam|input_grad|forward [--layer L] [--runs N]");
        System.exit(2);
    }

    private static String shape(int[] s) {
        StringBuilder b = new StringBuilder();
        for (int d : s) {
            b.append(b.length() == 0 ? "" : "x").append(d);
        }
        return b.toString();
    }

    private static double sumOfSquares(Tensor t) {
        double s = 0;
        for (float v : t.data()) {
            s += (double) v * v;
        }
        return s;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long vmHwmKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ").replace("\r", " ").replace("\t", " ");
    }

    /**
     * The benchmarks' gradient objective: batch item i weighs unit {@code i mod classes} of the
     * 2-D layer {@code last}, so a batch asks for as many different classes as it can.
     */
    public static Objective unitPerItem(Network net, String last, Tensor x) {
        int classes = net.outputShapes(List.of(x.shape()), last).get(last)[1];
        int[] units = new int[x.dim(0)];
        for (int i = 0; i < units.length; i++) {
            units[i] = i % classes;
        }
        return Objective.unit(last, classes, units);
    }
}
