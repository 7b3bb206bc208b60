package org.convscope.core.render;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.convscope.core.tensor.Tensor;

import com.sun.management.OperatingSystemMXBean;

/**
 * Times the channel grids of every VGG16 conv layer (13 layers, 224×224×64 … 14×14×512) for one
 * image, as the activation view renders them. A main, not a test: timings on shared machines are
 * too noisy to assert. Prints the median and best wall time of several rounds after a warm-up, and
 * the process's CPU time, which says more when other programs load the machine.
 *
 * <p>Run: {@code java -cp <core classes>:<core resources>:<test classes> org.convscope.core.render.GridBenchmark [rounds]}
 */
public final class GridBenchmark {

    private static final int[][] VGG16_CONV = { { 224, 64 }, { 224, 64 }, { 112, 128 }, { 112, 128 }, { 56, 256 },
            { 56, 256 }, { 56, 256 }, { 28, 512 }, { 28, 512 }, { 28, 512 }, { 14, 512 }, { 14, 512 },
            { 14, 512 } };

    private GridBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<Tensor> layers = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(42);
        long values = 0;
        for (int[] l : VGG16_CONV) {
            float[] data = new float[l[0] * l[0] * l[1]];
            for (int i = 0; i < data.length; i++) {
                // ReLU-like: about half zeros, and every 17th channel dead
                double v = rnd.nextGaussian();
                data[i] = (i % l[1]) % 17 == 5 || v < 0 ? 0f : (float) v;
            }
            layers.add(new Tensor(data, new int[] { 1, l[0], l[0], l[1] }));
            values += data.length;
        }
        GridOptions options = GridOptions.defaults();
        long sink = 0;
        for (int w = 0; w < 5; w++) {
            for (Tensor t : layers) {
                sink += ChannelGridRenderer.render(t, options).deadCount();
            }
        }
        double[] ms = new double[rounds];
        double[] cpu = new double[rounds];
        long pixels = 0;
        for (int r = 0; r < rounds; r++) {
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            pixels = 0;
            for (Tensor t : layers) {
                ChannelGrid g = ChannelGridRenderer.render(t, options);
                sink += g.deadCount();
                pixels += g.image().argb().length;
            }
            ms[r] = (System.nanoTime() - t0) / 1e6;
            cpu[r] = (cpuNanos() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf("VGG16 conv grids: 13 layers, %.1f M values, %.1f M pixels, %d cores, load average %.1f%n",
                values / 1e6, pixels / 1e6, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("  wall: median %.1f ms, best %.1f ms over %d rounds; process CPU: median %.1f ms [%d]%n",
                ms[rounds / 2], ms[0], rounds, cpu[rounds / 2], sink);
    }

    /** CPU time of the whole process: unlike wall time, it hardly grows when other programs share the cores. */
    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }
}
