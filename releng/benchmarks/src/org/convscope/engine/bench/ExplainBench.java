package org.convscope.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.ModelGraphs;
import org.convscope.engine.Network;
import org.convscope.engine.NetworkSpec;
import org.convscope.engine.explain.Attribution;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainOptions;
import org.convscope.engine.explain.ExplainRequest;
import org.convscope.engine.explain.Explainer;
import org.convscope.engine.explain.ImageExplanation;
import org.convscope.engine.explain.SanityCheck;
import org.convscope.engine.explain.TrustMetrics;
import org.convscope.engine.internal.OpTimes;

/**
 * The Convscope half of {@code releng/benchmarks/explain_vs_tf.sh}: every attribution method (and
 * the trust measures and the sanity check, each with Grad-CAM) on one model, warm, in one process,
 * one JSON line per timed call; the TensorFlow half is {@code tf_explain.py}. Not a test.
 *
 * <pre>
 * java -cp ... org.convscope.engine.bench.ExplainBench --model F --input X.npy --label NAME --layer L
 *     [--cases gradcam,ig,...,metrics,sanity] [--runs N]
 * </pre>
 *
 * Each case is one {@link Explainer#explain} of the top class with the default options (IG 32
 * steps, SmoothGrad 25 samples over saliency, occlusion 32 at stride 16, batches of 32): one
 * untimed call, then RUNS timed ones, the network's activation cache cleared before each call so
 * that every call computes its forward passes. {@code metrics} is Grad-CAM with the trust measures,
 * {@code sanity} Grad-CAM with the model-randomisation check (3 randomised copies of the model).
 * With {@code -Dconvscope.opTimes=true} it also prints, on stderr, where each case's time went by
 * the engine's timers ({@link OpTimes}).
 */
public final class ExplainBench {

    private ExplainBench() {
    }

    public static void main(String[] args) throws IOException {
        Path model = null;
        Path input = null;
        String label = "model";
        String layer = null;
        List<String> cases = new ArrayList<>();
        for (AttributionMethod m : AttributionMethod.values()) {
            cases.add(m.id());
        }
        cases.add("metrics");
        cases.add("sanity");
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--input" -> input = Path.of(args[++i]);
                case "--label" -> label = args[++i];
                case "--layer" -> layer = args[++i];
                case "--cases" -> cases = List.of(args[++i].split(","));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (model == null || input == null || layer == null) {
            usage("missing argument");
        }
        System.out.printf("{\"side\":\"convscope\",\"engine\":\"%s\"}%n", json(Engine.nativeDescription()));
        Tensor x = Npy.read(input);
        long t0 = System.nanoTime();
        try (ModelGraph g = KerasModels.open(model)) {
            NetworkSpec spec = ModelGraphs.toSpec(g);
            try (Network net = Engine.open(spec)) {
                List<String> names = net.layerNames();
                String score = names.get(names.size() - 1);
                Explainer explainer = new Explainer(net, spec);
                boolean first = true;
                for (String c : cases) {
                    boolean metrics = "metrics".equals(c);
                    boolean sanity = "sanity".equals(c);
                    AttributionMethod m = metrics || sanity ? AttributionMethod.GRADCAM : AttributionMethod.named(c);
                    ExplainRequest r = new ExplainRequest(x, List.of(m), List.of(layer), score, -1, metrics, sanity,
                            ExplainOptions.DEFAULTS, null);
                    net.clearCache();
                    long w = System.nanoTime();
                    double check = check(explainer.explain(r, ProgressMonitor.NULL).images().get(0), m);
                    System.out.printf(Locale.ROOT,
                            "{\"side\":\"convscope\",\"case\":\"%s %s\",\"first_ms\":%.1f,\"check\":%.8g}%n", label, c,
                            (System.nanoTime() - (first ? t0 : w)) / 1e6, check);
                    first = false;
                    OpTimes.reset();
                    for (int rep = 0; rep < runs; rep++) {
                        net.clearCache();
                        long t = System.nanoTime();
                        ImageExplanation e = explainer.explain(r, ProgressMonitor.NULL).images().get(0);
                        double ms = (System.nanoTime() - t) / 1e6;
                        System.out.printf(Locale.ROOT,
                                "{\"side\":\"convscope\",\"case\":\"%s %s\",\"rep\":%d,\"ms\":%.2f,\"check\":%.8g,"
                                        + "\"class\":%d}%n",
                                label, c, rep, ms, check(e, m), e.classIndex());
                    }
                    printOpTimes(label + " " + c, runs);
                    // the process's peak so far: which case raised it
                    System.out.printf(
                            "{\"side\":\"convscope\",\"case\":\"%s %s\",\"vm_hwm_kb\":%d,\"java_heap_committed_mb\":%d}%n",
                            label, c, vmHwmKb(), Runtime.getRuntime().totalMemory() >> 20);
                }
            }
        }
        System.out.printf("{\"side\":\"convscope\",\"vm_hwm_kb\":%d}%n", vmHwmKb());
    }

    /** With {@code -Dconvscope.opTimes=true}: the engine's timers, mean per timed call, on stderr. */
    private static void printOpTimes(String kase, int runs) {
        if (!OpTimes.ON) {
            return;
        }
        System.err.printf("# %s, %d timed calls, mean per call:%n", kase, runs);
        for (Map.Entry<String, double[]> e : OpTimes.snapshot().entrySet()) {
            double[] v = e.getValue();
            System.err.printf(Locale.ROOT, "#   %-44s %9.2f ms %7.1f calls%n", e.getKey(), v[0] / runs, v[1] / runs);
        }
    }

    /** @return the map's sum of squares, plus the trust measures or correlations when computed */
    private static double check(ImageExplanation e, AttributionMethod m) {
        Attribution a = e.maps().get(m);
        double s = 0;
        for (float v : a.values()) {
            s += (double) v * v;
        }
        TrustMetrics t = e.metrics().get(m);
        if (t != null) {
            s += t.deletionAuc() + t.insertionAuc() + t.confidenceChange();
        }
        SanityCheck k = e.sanity().get(m);
        if (k != null) {
            for (float r : k.correlations()) {
                s += Float.isNaN(r) ? 0 : r;
            }
        }
        return s;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: ExplainBench --model F --input X.npy --label NAME --layer L "
                + "[--cases gradcam,ig,...,metrics,sanity] [--runs N]");
        System.exit(2);
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
}
