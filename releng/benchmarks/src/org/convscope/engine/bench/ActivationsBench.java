package org.convscope.engine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.render.ChannelGrid;
import org.convscope.core.render.ChannelGridRenderer;
import org.convscope.core.render.GridOptions;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.Network;

/**
 * The Convscope half of {@code releng/benchmarks/activations_vs_tf.sh}: opens a Keras file, runs
 * it on one input with {@link Network#forward} (cache cleared before every call, so each call
 * computes) and optionally renders the channel grid of every Conv2D layer. Prints one JSON line
 * per timed call. Not a test.
 *
 * <pre>
 * java -cp ... org.convscope.engine.bench.ActivationsBench --model F --input X.npy --label NAME
 *     [--runs N] [--cases all,predictions] [--grids]
 * </pre>
 *
 * Cases: {@code all} returns every layer's output as Java arrays (what the activation view asks
 * for); {@code predictions} returns the model's last layer only. With several cases they alternate
 * call by call.
 */
public final class ActivationsBench {

    private ActivationsBench() {
    }

    public static void main(String[] args) throws IOException {
        Path model = null;
        Path input = null;
        String label = "model";
        int runs = 10;
        List<String> cases = List.of("all");
        boolean grids = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--input" -> input = Path.of(args[++i]);
                case "--label" -> label = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--cases" -> cases = List.of(args[++i].split(","));
                case "--grids" -> grids = true;
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (model == null || input == null) {
            System.err.println("usage: ActivationsBench --model F --input X.npy --label NAME [--runs N] "
                    + "[--cases all,predictions] [--grids]");
            System.exit(2);
        }
        System.out.printf("{\"side\":\"convscope\",\"engine\":\"%s\"}%n", json(Engine.nativeDescription()));
        Tensor x = Npy.read(input);
        long t0 = System.nanoTime();
        try (ModelGraph g = KerasModels.open(model); Network net = Engine.open(g)) {
            List<String> names = net.layerNames();
            String last = names.get(names.size() - 1);
            ForwardResult all = net.forward(x, List.of());
            all.firstFailure().ifPresent(f -> {
                throw new IllegalStateException(f.toString());
            });
            System.out.printf(Locale.ROOT, "{\"side\":\"convscope\",\"case\":\"%s all layers\",\"first_ms\":%.1f}%n",
                    label, (System.nanoTime() - t0) / 1e6);
            for (int r = -2; r < runs; r++) {
                for (String c : cases) {
                    Collection<String> layers = "all".equals(c) ? List.of() : List.of(last);
                    net.clearCache();
                    long t = System.nanoTime();
                    ForwardResult res = net.forward(x, layers);
                    double ms = (System.nanoTime() - t) / 1e6;
                    System.out.printf(Locale.ROOT,
                            "{\"side\":\"convscope\",\"case\":\"%s %s\",\"rep\":%d,\"warm\":%b,\"ms\":%.2f,"
                                    + "\"outputs\":%d,\"check\":%.8g,\"load\":%.2f}%n",
                            label, "all".equals(c) ? "all layers" : "predictions", r, r >= 0, ms,
                            res.outputs().size(), sumOfSquares(res.output(last)), load());
                }
            }
            if (grids) {
                renderGrids(g, net, x, label, runs);
            }
        }
        System.out.printf("{\"side\":\"convscope\",\"vm_hwm_kb\":%d}%n", vmHwmKb());
    }

    /** Times the channel grids of every Conv2D layer's output, all of them per timed round. */
    private static void renderGrids(ModelGraph g, Network net, Tensor x, String label, int runs) {
        List<String> conv = new ArrayList<>();
        for (Layer l : g.allLayers()) {
            if ("Conv2D".equals(l.kerasClass())) {
                conv.add(l.id());
            }
        }
        ForwardResult res = net.forward(x, conv);
        List<Tensor> acts = new ArrayList<>();
        long values = 0;
        for (String c : conv) {
            acts.add(res.output(c));
            values += res.output(c).size();
        }
        GridOptions options = GridOptions.defaults();
        for (int r = -3; r < runs; r++) {
            long pixels = 0;
            int dead = 0;
            long t = System.nanoTime();
            for (Tensor a : acts) {
                ChannelGrid grid = ChannelGridRenderer.render(a, options);
                pixels += grid.image().argb().length;
                dead += grid.deadCount();
            }
            double ms = (System.nanoTime() - t) / 1e6;
            System.out.printf(Locale.ROOT,
                    "{\"side\":\"convscope\",\"case\":\"%s grids of %d conv layers\",\"rep\":%d,\"warm\":%b,"
                            + "\"ms\":%.2f,\"values\":%d,\"pixels\":%d,\"dead\":%d,\"load\":%.2f}%n",
                    label, conv.size(), r, r >= 0, ms, values, pixels, dead, load());
        }
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

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ").replace("\r", " ").replace("\t", " ");
    }

    private static long vmHwmKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
