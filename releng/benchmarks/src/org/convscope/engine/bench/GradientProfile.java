package org.convscope.engine.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;
import org.convscope.engine.internal.OpTimes;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.GradCam;

/**
 * Where a warm gradient call's time goes, per kind of op, by the engine's own timers
 * ({@link OpTimes}; run with {@code -Dconvscope.opTimes=true}): the same calls as
 * {@link GradientsBench}'s {@code gradcam}, {@code input_grad} and {@code forward} cases, two untimed, then RUNS
 * timed; prints the mean per call of each kind and the call's wall time. Not a test.
 *
 * <pre>
 * java -Dconvscope.opTimes=true -cp ... org.convscope.engine.bench.GradientProfile --model F
 *     --input X.npy --case gradcam|input_grad|forward [--layer L] [--runs N]
 * </pre>
 */
public final class GradientProfile {

    private GradientProfile() {
    }

    public static void main(String[] args) throws IOException {
        Path model = null;
        Path input = null;
        String kase = null;
        String layer = null;
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--input" -> input = Path.of(args[++i]);
                case "--case" -> kase = args[++i];
                case "--layer" -> layer = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (model == null || input == null || kase == null || !OpTimes.ON) {
            throw new IllegalArgumentException("needs --model, --input, --case and -Dconvscope.opTimes=true");
        }
        Tensor x = Npy.read(input);
        try (ModelGraph g = KerasModels.open(model); Network net = Engine.open(g)) {
            List<String> names = net.layerNames();
            String last = names.get(names.size() - 1);
            String in = net.inputNames().get(0);
            Runnable call;
            if ("gradcam".equals(kase)) {
                GradCam cam = new GradCam(net);
                String camLayer = layer;
                call = () -> {
                    net.clearCache();
                    cam.compute(x, camLayer, last, -1, CamMethod.GRADCAM, null);
                };
            } else if ("forward".equals(kase)) {
                call = () -> {
                    net.clearCache();
                    net.forward(x, List.of(last));
                };
            } else {
                Objective objective = GradientsBench.unitPerItem(net, last, x);
                call = () -> {
                    net.clearCache();
                    net.gradients(List.of(x), objective, List.of(in));
                };
            }
            for (int r = 0; r < 3; r++) {
                call.run();
            }
            OpTimes.reset();
            List<Double> walls = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                // a marker between the calls for oneDNN's trace (DNNL_VERBOSE), which also goes to stdout
                System.out.println("# timed call " + r);
                long t = System.nanoTime();
                call.run();
                walls.add((System.nanoTime() - t) / 1e6);
            }
            System.out.printf(Locale.ROOT, "# %s %s, %d calls, wall per call (ms): %s%n", model.getFileName(), kase,
                    runs, walls.stream().map(w -> String.format(Locale.ROOT, "%.1f", w)).toList());
            for (Map.Entry<String, double[]> e : OpTimes.snapshot().entrySet()) {
                double[] v = e.getValue();
                System.out.printf(Locale.ROOT, "%-40s %9.2f ms %7.1f calls%n", e.getKey(), v[0] / runs, v[1] / runs);
            }
        }
    }
}
