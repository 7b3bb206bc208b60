package org.convscope.engine.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.visualize.CamMethod;
import org.convscope.engine.visualize.ClassLabels;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatterns;
import org.convscope.engine.visualize.GradCam;
import org.convscope.engine.visualize.GradCamResult;

/**
 * The Convscope half of {@code releng/benchmarks/visualize_vs_tf.sh}. Not a test. Prints one JSON
 * line per timed call.
 *
 * <pre>
 * java -cp ... org.convscope.engine.bench.VisualizeBench --model VGG16.h5 --case gradcam --input X.npy
 *     [--layer block5_conv3] [--runs N]
 * java -cp ... org.convscope.engine.bench.VisualizeBench --model VGG16.h5 --case filters
 *     [--layer block3_conv1] [--filters 64] [--steps 40] [--size 150] [--batch 16]
 * </pre>
 *
 * {@code gradcam}: the whole of {@link GradCam#compute} (top-5 forward pass, gradient of the top
 * score, map) for one image, activation cache cleared before each call so every call computes;
 * two untimed warm-up calls. {@code filters}: the patterns of filters 0..n−1 with the notebook's
 * settings, batched (at most {@code --batch} filters per batch, fewer when FilterPatterns' memory
 * budget says so: {@code batch_used}), one timed run after a warm-up step of one batch.
 */
public final class VisualizeBench {

    private VisualizeBench() {
    }

    public static void main(String[] args) throws IOException {
        Path model = null;
        Path input = null;
        String kind = "gradcam";
        String layer = null;
        int runs = 10;
        int filters = 64;
        int steps = 40;
        int size = 150;
        int batch = 16;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--input" -> input = Path.of(args[++i]);
                case "--case" -> kind = args[++i];
                case "--layer" -> layer = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--filters" -> filters = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        try (ModelGraph graph = KerasModels.open(model); Network net = Engine.open(graph)) {
            if (kind.equals("gradcam")) {
                gradcam(net, graph, Npy.read(input), layer == null ? "block5_conv3" : layer, runs);
            } else {
                filters(net, layer == null ? "block3_conv1" : layer, filters, steps, size, batch);
            }
        }
    }

    private static void gradcam(Network net, ModelGraph graph, Tensor x, String layer, int runs) {
        GradCam cam = new GradCam(net);
        String score = graph.outputs().get(0).layer();
        for (int i = 0; i < runs + 2; i++) {
            net.clearCache();
            long t = System.nanoTime();
            GradCamResult r = cam.compute(x, layer, score, -1, CamMethod.GRADCAM, ClassLabels.imagenet());
            double ms = (System.nanoTime() - t) / 1e6;
            if (i >= 2) {
                System.out.printf(Locale.ROOT,
                        "{\"case\":\"gradcam\",\"rep\":%d,\"ms\":%.1f,\"class\":%d,\"map\":\"%dx%d\"}%n",
                        i - 2, ms, r.classIndex(), r.height(), r.width());
            }
        }
    }

    private static void filters(Network net, String layer, int n, int steps, int size, int batch) {
        FilterPatterns patterns = new FilterPatterns(net, 3, Preprocessing.CAFFE);
        FilterPatternOptions o = FilterPatternOptions.notebook().withSize(size).withSteps(steps).withBatchSize(batch);
        int used = patterns.batchSize(layer, o);
        long w = System.nanoTime();
        // builds what this batch shape needs; the timed run below must not pay for it
        patterns.ascend(layer, patterns.startImages(IntStream.range(0, used).toArray(), o),
                IntStream.range(0, used).toArray(), o.withSteps(1), ProgressMonitor.NULL);
        double warm = (System.nanoTime() - w) / 1e6;
        int[] all = IntStream.range(0, n).toArray();
        long t = System.nanoTime();
        List<FilterPattern> r = patterns.compute(layer, all, o, ProgressMonitor.NULL, null);
        double ms = (System.nanoTime() - t) / 1e6;
        long dead = r.stream().filter(FilterPattern::dead).count();
        System.out.printf(Locale.ROOT, "{\"case\":\"filters_batched\",\"filters\":%d,\"steps\":%d,\"size\":%d,"
                + "\"batch\":%d,\"batch_used\":%d,\"ms\":%.1f,\"ms_per_image_step\":%.1f,\"warmup_ms\":%.1f,"
                + "\"dead\":%d}%n", n, steps, size, batch, used, ms, ms / ((double) n * steps), warm, dead);
    }
}
