package org.convscope.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.Network;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainOptions;
import org.convscope.engine.explain.ExplainRequest;
import org.convscope.engine.explain.Explainer;
import org.convscope.engine.explain.ImageExplanation;

/**
 * The Convscope half of {@code releng/checks/explain_applications_vs_tf.py}. Not a test. Writes
 * each method's map of the first image as {@code OUT/<method>.npy} (float32, (H, W), as the method
 * defines it) and prints one JSON line per method with its wall time (one untimed warm-up call of
 * the method first, so graphs are built and weights loaded).
 *
 * <pre>
 * java -cp ... org.convscope.engine.bench.ExplainMaps --model M.keras --input X.npy --out DIR
 *     --layer L[,L] [--methods gradcam,ig,...] [--score LAYER] [--class N] [--samples 25] [--seed 0]
 *     [--base saliency] [--ig-steps 32] [--patch 32] [--stride 16] [--batch 32] [--no-warmup]
 *     [--dump-layers] [--dump NAME=X2.npy]...
 * </pre>
 *
 * With {@code --dump-layers} it also writes every layer's output for the input as
 * {@code OUT/layers/<layer>.npy} ({@code /} in a name as {@code _}), and with each
 * {@code --dump NAME=X2.npy} every layer's output for the batch {@code X2.npy} as
 * {@code OUT/layers-NAME/<layer>.npy}: the check compares the decisions float rounding can make
 * either way (a ReLU's input near 0, a max-pool's near tie) with TensorFlow's.
 */
public final class ExplainMaps {

    private ExplainMaps() {
    }

    public static void main(String[] args) throws IOException {
        Path model = null;
        Path input = null;
        Path out = null;
        List<String> layers = List.of();
        List<AttributionMethod> methods = List.of(AttributionMethod.values());
        String score = null;
        int classIndex = -1;
        boolean warmup = true;
        boolean dump = false;
        Map<String, Path> dumps = new LinkedHashMap<>();
        ExplainOptions o = ExplainOptions.DEFAULTS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--input" -> input = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--layer" -> layers = List.of(args[++i].split(","));
                case "--methods" -> {
                    List<AttributionMethod> m = new ArrayList<>();
                    for (String s : args[++i].split(",")) {
                        m.add(AttributionMethod.named(s));
                    }
                    methods = m;
                }
                case "--score" -> score = args[++i];
                case "--class" -> classIndex = Integer.parseInt(args[++i]);
                case "--samples" -> o = o.withSmoothGrad(o.noise(), Integer.parseInt(args[++i]), o.seed(),
                        o.smoothBase());
                case "--seed" -> o = o.withSmoothGrad(o.noise(), o.samples(), Long.parseLong(args[++i]),
                        o.smoothBase());
                case "--base" -> o = o.withSmoothGrad(o.noise(), o.samples(), o.seed(),
                        AttributionMethod.named(args[++i]));
                case "--ig-steps" -> o = o.withIgSteps(Integer.parseInt(args[++i]));
                case "--patch" -> o = o.withOcclusion(Integer.parseInt(args[++i]), o.stride());
                case "--stride" -> o = o.withOcclusion(o.patch(), Integer.parseInt(args[++i]));
                case "--batch" -> o = o.withBatch(Integer.parseInt(args[++i]));
                case "--no-warmup" -> warmup = false;
                case "--dump-layers" -> dump = true;
                case "--dump" -> {
                    String[] kv = args[++i].split("=", 2);
                    dumps.put(kv[0], Path.of(kv[1]));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (model == null || input == null || out == null) {
            throw new IllegalArgumentException("--model, --input and --out are required");
        }
        Files.createDirectories(out);
        Tensor x = Npy.read(input);
        try (ModelGraph graph = KerasModels.open(model); Network net = Engine.open(graph)) {
            String scoreLayer = score != null ? score : net.layerNames().get(net.layerNames().size() - 1);
            if (dump) {
                dumpLayers(net, x, out.resolve("layers"));
            }
            for (Map.Entry<String, Path> d : dumps.entrySet()) {
                dumpLayers(net, Npy.read(d.getValue()), out.resolve("layers-" + d.getKey()));
            }
            Explainer explainer = new Explainer(net);
            for (AttributionMethod m : methods) {
                ExplainRequest r = new ExplainRequest(x, List.of(m), layers, scoreLayer, classIndex, false, false, o,
                        null);
                if (warmup) {
                    explainer.explain(r, ProgressMonitor.NULL);
                }
                net.clearCache();
                long t0 = System.nanoTime();
                ImageExplanation e = explainer.explain(r, ProgressMonitor.NULL).images().get(0);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Npy.write(out.resolve(m.id() + ".npy"), e.maps().get(m).tensor());
                System.out.printf(Locale.ROOT, "{\"method\":\"%s\",\"class\":%d,\"seconds\":%.4f}%n", m.id(),
                        e.classIndex(), seconds);
            }
        }
    }

    /** Writes every layer's output for {@code x} into {@code dir}, one {@code .npy} per layer. */
    private static void dumpLayers(Network net, Tensor x, Path dir) throws IOException {
        Files.createDirectories(dir);
        ForwardResult all = net.forward(x, net.layerNames());
        for (String l : net.layerNames()) {
            Tensor t = all.output(l);
            if (t != null) {
                Npy.write(dir.resolve(l.replace('/', '_') + ".npy"), t);
            }
        }
        net.clearCache();
    }
}
