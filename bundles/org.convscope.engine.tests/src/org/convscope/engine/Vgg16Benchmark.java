package org.convscope.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.internal.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Times a VGG16-shaped forward pass (random weights built from the architecture, 1 image
 * 224×224×3) and reports the median and GFLOP/s. Not a test: run it by hand, on a quiet machine.
 *
 * <pre>java -Xmx3g -Dorg.bytedeco.javacpp.maxphysicalbytes=8G org.convscope.engine.Vgg16Benchmark [runs]</pre>
 */
public final class Vgg16Benchmark {

    private static final int[][] BLOCKS = { { 64, 64 }, { 128, 128 }, { 256, 256, 256 }, { 512, 512, 512 },
            { 512, 512, 512 } };

    private Vgg16Benchmark() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<LayerSpec> layers = new ArrayList<>();
        long flops = vgg16(layers);
        System.out.println("native: " + Engine.nativeDescription().replace('\n', ' '));
        Tensor x = random(new int[] { 1, 224, 224, 3 }, 1);
        try (Network net = Engine.open(new NetworkSpec("vgg16", layers));
                EagerVgg16 eager = new EagerVgg16(layers);
                INDArray xNd = NdArrays.toNd(x)) {
            long t0 = System.nanoTime();
            Tensor p = net.forward(x, List.of("predictions")).output("predictions");
            System.out.printf("first forward (builds the graph, loads weights): %.0f ms%n",
                    (System.nanoTime() - t0) / 1e6);
            Tensor q = NdArrays.toTensor(eager.forward(xNd));
            System.out.printf("engine vs eager chain: max|Δ| of the predictions %.3g%n", maxDiff(p, q));
            // alternate the two paths so that machine noise hits both alike
            double[][] ms = new double[2][runs];
            double[] cpu = new double[2];
            for (int i = 0; i < runs; i++) {
                long c = cpuNanos();
                long t = System.nanoTime();
                net.clearCache();
                net.forward(x, List.of("predictions"));
                ms[0][i] = (System.nanoTime() - t) / 1e6;
                cpu[0] += (cpuNanos() - c) / 1e6 / runs;
                c = cpuNanos();
                t = System.nanoTime();
                eager.forward(xNd);
                ms[1][i] = (System.nanoTime() - t) / 1e6;
                cpu[1] += (cpuNanos() - c) / 1e6 / runs;
            }
            report("forward, predictions only (engine: SameDiff graph)", ms[0], flops, cpu[0]);
            report("forward, eager Nd4j.exec chain, buffers reused (comparison)", ms[1], flops, cpu[1]);
            time("forward, all 23 layers returned as Java arrays", runs, flops, () -> {
                net.clearCache();
                net.forward(x, List.of());
            });
            int[] channels = new int[1];
            time("gradient d mean(block5_conv3[c]) / d input", Math.max(3, runs / 2), 0, () -> net.gradients(List.of(x),
                    Objective.channelMeans("block5_conv3", 14, 14, 512, channels), List.of("image")));
            time("Grad-CAM gradient d score / d block5_conv3", Math.max(3, runs / 2), 0, () -> net.gradients(List.of(x),
                    Objective.unit("predictions", 1000, 7), List.of("block5_conv3")));
        }
    }

    private static void time(String what, int runs, long flops, Runnable body) {
        body.run();
        double[] ms = new double[runs];
        long cpu0 = cpuNanos();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        report(what, ms, flops, (cpuNanos() - cpu0) / 1e6 / runs);
    }

    private static double maxDiff(Tensor a, Tensor b) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
        }
        return m;
    }

    /**
     * Prints wall-clock statistics and the mean process CPU time per run: on a shared machine the
     * wall clock includes waiting for other processes, the CPU time does not.
     */
    private static void report(String what, double[] ms, long flops, double cpuMs) {
        int runs = ms.length;
        Arrays.sort(ms);
        double median = ms[runs / 2];
        System.out.printf("%s: median %.0f ms (min %.0f, max %.0f, %d runs)%s; process CPU %.0f ms/run%n", what, median,
                ms[0], ms[runs - 1], runs, flops > 0 ? String.format(", %.1f GFLOP/s", flops / median / 1e6) : "",
                cpuMs);
    }

    /** @return user + system CPU time of this process (all threads, native ones too), from /proc; 0 elsewhere */
    private static long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) in clock ticks, assumed 100 per second
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Appends VGG16's layers to {@code out}; @return its multiply-add count × 2 */
    private static long vgg16(List<LayerSpec> out) {
        Map<String, Object> input = new HashMap<>();
        input.put("batch_shape", Arrays.asList(null, 224, 224, 3));
        out.add(new LayerSpec("image", "InputLayer", input, List.of(), null));
        String prev = "image";
        int size = 224;
        int channels = 3;
        long flops = 0;
        int seed = 2;
        for (int b = 0; b < BLOCKS.length; b++) {
            for (int c = 0; c < BLOCKS[b].length; c++) {
                int filters = BLOCKS[b][c];
                String name = "block" + (b + 1) + "_conv" + (c + 1);
                int in = channels;
                int s = seed++;
                out.add(new LayerSpec(name, "Conv2D", Map.of("kernel_size", List.of(3L, 3L), "padding", "same",
                        "activation", "relu", "filters", (long) filters), List.of(prev),
                        () -> List.of(random(new int[] { 3, 3, in, filters }, s),
                                random(new int[] { filters }, s + 1000))));
                flops += 2L * size * size * filters * in * 9;
                channels = filters;
                prev = name;
            }
            String pool = "block" + (b + 1) + "_pool";
            out.add(new LayerSpec(pool, "MaxPooling2D", Map.of("pool_size", List.of(2L, 2L)), List.of(prev), null));
            prev = pool;
            size /= 2;
        }
        out.add(new LayerSpec("flatten", "Flatten", Map.of(), List.of(prev), null));
        prev = "flatten";
        int in = size * size * channels;
        String[] dense = { "fc1", "fc2", "predictions" };
        int[] units = { 4096, 4096, 1000 };
        for (int i = 0; i < dense.length; i++) {
            int n = in;
            int u = units[i];
            int s = seed++;
            out.add(new LayerSpec(dense[i], "Dense",
                    Map.of("units", (long) u, "activation", i == 2 ? "softmax" : "relu"), List.of(prev),
                    () -> List.of(random(new int[] { n, u }, s), random(new int[] { u }, s + 1000))));
            flops += 2L * n * u;
            in = u;
            prev = dense[i];
        }
        return flops;
    }

    /** Uniform values in ±sqrt(3/fan-in)-ish range, small enough to keep activations finite. */
    private static Tensor random(int[] shape, long seed) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int fanIn = shape.length > 1 ? n / shape[shape.length - 1] : 1;
        float scale = (float) Math.sqrt(3.0 / fanIn);
        SplittableRandom r = new SplittableRandom(seed);
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) (r.nextDouble(-1, 1) * scale);
        }
        return new Tensor(data, shape);
    }
}
