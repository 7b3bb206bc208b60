package org.convscope.engine.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.javacpp.Pointer;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;
import org.convscope.engine.bench.GradientsBench;

/**
 * What holds the memory of a batch's input gradient ({@code GradientsBench --case input_grad}'s
 * call), by kind: the process's resident set (sampled every millisecond during each call, for its
 * peak), the Java heap, JavaCPP's count of its own allocations, the weights, their folded,
 * transposed and oneDNN-reordered copies, and the gradient pass's pool (all it keeps, the most in
 * use at once, and what the forward pass left in use for the backward one). Not a test.
 *
 * <pre>
 * java -cp ... org.convscope.engine.internal.MemoryProfile MODEL X.npy [CALLS]
 * </pre>
 */
public final class MemoryProfile {

    private MemoryProfile() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Tensor x = Npy.read(Path.of(args[1]));
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        report("start", -1);
        try (ModelGraph g = KerasModels.open(Path.of(args[0])); Network net = Engine.open(g)) {
            List<String> names = net.layerNames();
            String last = names.get(names.size() - 1);
            String in = net.inputNames().get(0);
            Objective objective = GradientsBench.unitPerItem(net, last, x);
            report("opened", -1);
            for (int c = 0; c < calls; c++) {
                AtomicLong peak = new AtomicLong();
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(status("VmRSS:"), Math::max);
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                long t = System.nanoTime();
                net.clearCache();
                net.gradients(List.of(x), objective, List.of(in)).gradient(in);
                double ms = (System.nanoTime() - t) / 1e6;
                sampler.interrupt();
                sampler.join();
                report(String.format(Locale.ROOT, "call %d (%.0f ms)", c, ms), peak.get());
                if (net instanceof SameDiffNetwork s) {
                    for (Map.Entry<String, Object> e : s.memory().entrySet()) {
                        System.out.println("  " + e.getKey() + ": " + mb(e.getValue()));
                    }
                }
            }
        }
    }

    private static String mb(Object v) {
        if (v instanceof Long l) {
            return l / (1 << 20) + " MB";
        }
        if (v instanceof BackwardPass.Memory m) {
            return String.format(Locale.ROOT,
                    "pool %d MB (most in use at once %d, in use after the forward pass %d), kernels: folded %d, "
                            + "oneDNN's %d, transposed %d MB; oneDNN's largest scratchpad %d MB",
                    m.pooled() >> 20, m.peakInUse() >> 20, m.forward() >> 20, m.foldedKernels() >> 20,
                    m.dnnlKernels() >> 20, m.transposedKernels() >> 20, m.dnnlScratchpad() >> 20);
        }
        return String.valueOf(v);
    }

    private static void report(String when, long sampledPeakKb) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT,
                "%s: VmRSS %d MB, VmHWM %d MB%s, heap used %d / committed %d MB, JavaCPP total %d MB%n", when,
                status("VmRSS:") >> 10, status("VmHWM:") >> 10,
                sampledPeakKb >= 0 ? ", sampled peak during the call " + (sampledPeakKb >> 10) + " MB" : "",
                heap.getUsed() >> 20, heap.getCommitted() >> 20, Pointer.totalBytes() >> 20);
    }

    /** @return a /proc/self/status field in kB */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
