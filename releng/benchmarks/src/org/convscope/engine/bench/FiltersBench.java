package org.convscope.engine.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.internal.OpTimes;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatterns;

/**
 * The Convscope half of {@code releng/benchmarks/filters_vs_tf.sh}: filter patterns of one layer
 * with a preset, as {@code convscope filters --preset P} computes them. Not a test. Prints one
 * JSON line.
 *
 * <pre>
 * java -cp ... org.convscope.engine.bench.FiltersBench --model inception_v3.keras --preset robust
 *     [--layer mixed3] [--filters 16] [--steps 60] [--size 299] [--batch 16] [--preprocessing tf]
 * </pre>
 *
 * One untimed warm-up of one step for the same filters (it builds what the batch shape needs, as
 * TensorFlow's first call traces its function), then one timed {@link FilterPatterns#compute} of
 * filters 0..n−1 with the preset's settings at {@code --size} and {@code --steps}. The line gives
 * the time, the objective each pattern reached (its loss before the last step: mean, minimum,
 * maximum over the filters) and how many were called dead. With {@code -Dconvscope.opTimes=true},
 * a line per kind of engine op follows with its time in the timed run ({@link OpTimes}).
 */
public final class FiltersBench {

    private FiltersBench() {
    }

    public static void main(String[] args) throws IOException {
        Path model = null;
        String preset = "robust";
        String layer = "mixed3";
        int filters = 16;
        int steps = -1;
        int size = -1;
        int batch = 16;
        Preprocessing preprocessing = Preprocessing.TF;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--preset" -> preset = args[++i];
                case "--layer" -> layer = args[++i];
                case "--filters" -> filters = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--preprocessing" -> preprocessing = Preprocessing.named(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        FilterPatternOptions o = FilterPatternOptions.preset(preset).withBatchSize(batch);
        if (size > 0) {
            o = o.withSize(size);
        }
        if (steps >= 0) {
            o = o.withSteps(steps);
        }
        try (ModelGraph graph = KerasModels.open(model); Network net = Engine.open(graph)) {
            FilterPatterns patterns = new FilterPatterns(net, 3, preprocessing);
            int[] all = IntStream.range(0, filters).toArray();
            int used = patterns.batchSize(layer, o, filters);
            long w = System.nanoTime();
            patterns.compute(layer, all, o.withSteps(1), ProgressMonitor.NULL, null);
            double warm = (System.nanoTime() - w) / 1e6;
            OpTimes.reset();
            long t = System.nanoTime();
            List<FilterPattern> r = patterns.compute(layer, all, o, ProgressMonitor.NULL, null);
            double ms = (System.nanoTime() - t) / 1e6;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (FilterPattern p : r) {
                sum += p.finalLoss();
                min = Math.min(min, p.finalLoss());
                max = Math.max(max, p.finalLoss());
            }
            long dead = r.stream().filter(FilterPattern::dead).count();
            System.out.printf(Locale.ROOT,
                    "{\"case\":\"%s\",\"layer\":\"%s\",\"filters\":%d,\"steps\":%d,\"size\":%d,\"batch\":%d,"
                            + "\"batch_used\":%d,\"ms\":%.1f,\"ms_per_step\":%.1f,\"warmup_ms\":%.1f,"
                            + "\"objective_mean\":%.6g,\"objective_min\":%.6g,\"objective_max\":%.6g,\"dead\":%d}%n",
                    preset, layer, filters, o.steps(), o.size(), batch, used, ms, ms / Math.max(1, o.steps()), warm,
                    sum / r.size(), min, max, dead);
            for (Map.Entry<String, double[]> e : OpTimes.snapshot().entrySet()) {
                System.out.printf(Locale.ROOT, "{\"case\":\"%s_op\",\"op\":\"%s\",\"ms\":%.1f,\"calls\":%.0f}%n",
                        preset, e.getKey().replace("\"", "'"), e.getValue()[0], e.getValue()[1]);
            }
        }
    }
}
