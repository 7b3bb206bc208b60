package org.convscope.core.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import org.convscope.core.io.WeightRef;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.summary.SummaryText;
import org.convscope.core.tensor.Tensor;

/**
 * The Convscope half of {@code releng/benchmarks/read_vs_keras.sh}: opens a model file as the
 * workbench does — {@link KerasModels#open} to the graph, then the summary table with every
 * layer's output shape and parameter count (no weight data) — and then reads every weight
 * ({@link WeightRef#load()}), timing the largest weight apart; then, as a plain-Java reference
 * for the data rate, the whole file read into one float[]. Prints one JSON line per repetition; the first one
 * in a process runs with a cold JIT and is flagged. Not a test.
 *
 * <pre>java -cp ... org.convscope.core.bench.ReadBench [--repeat N] MODEL</pre>
 */
public final class ReadBench {

    private ReadBench() {
    }

    public static void main(String[] args) throws IOException {
        int repeat = 5;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if ("--repeat".equals(args[i])) {
                repeat = Integer.parseInt(args[++i]);
            } else {
                file = Path.of(args[i]);
            }
        }
        if (file == null || repeat < 1) {
            System.err.println("usage: ReadBench [--repeat N] MODEL");
            System.exit(2);
        }
        long fileBytes = Files.size(file);
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            try (ModelGraph g = KerasModels.open(file)) {
                long t1 = System.nanoTime();
                String table = SummaryText.of(g, true);
                long params = g.totalParams();
                long t2 = System.nanoTime();
                // a nested model's weights can be listed under it and under its layers
                Set<WeightRef> all = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Layer l : g.allLayers()) {
                    all.addAll(l.weights());
                }
                long bytes = 0;
                double check = 0;
                double largestMs = 0;
                long largestBytes = 0;
                for (WeightRef w : all) {
                    long tw = System.nanoTime();
                    Tensor t = w.load();
                    long b = 4L * t.size();
                    bytes += b;
                    check += t.data()[t.data().length / 2];
                    if (b > largestBytes) {
                        largestBytes = b;
                        largestMs = (System.nanoTime() - tw) / 1e6;
                    }
                }
                long t3 = System.nanoTime();
                double floorMs = javaFloor(file);
                System.out.printf(Locale.ROOT,
                        "{\"side\":\"convscope\",\"file\":\"%s\",\"file_bytes\":%d,\"rep\":%d,\"cold_jit\":%b,"
                                + "\"open_ms\":%.1f,\"summary_ms\":%.1f,\"structure_ms\":%.1f,\"weights_ms\":%.1f,"
                                + "\"total_ms\":%.1f,\"layers\":%d,\"params\":%d,\"summary_chars\":%d,\"weights\":%d,"
                                + "\"weight_bytes\":%d,\"weights_mb_per_s\":%.1f,\"largest_weight_bytes\":%d,"
                                + "\"largest_weight_ms\":%.1f,\"java_floor_ms\":%.1f,\"check\":%.6g,\"load\":%.2f}%n",
                        file.getFileName(), fileBytes, r, r == 0, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6,
                        (t3 - t2) / 1e6, (t3 - t0) / 1e6, g.allLayers().size(), params, table.length(), all.size(),
                        bytes, bytes / 1e6 / ((t3 - t2) / 1e9), largestBytes, largestMs, floorMs, check,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        System.out.printf(Locale.ROOT, "{\"side\":\"convscope\",\"vm_hwm_kb\":%d}%n", vmHwmKb());
    }

    /**
     * A plain-Java reference for turning a file's bytes into floats: read it through a FileChannel
     * in 16 MB chunks and copy them into one float[] (little-endian, as HDF5 stores Keras's
     * weights). Not a lower bound: one 553 MB array is slower to allocate than a weight's.
     * @return the time in ms
     */
    static double javaFloor(Path file) throws IOException {
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            float[] out = new float[Math.toIntExact(ch.size() / 4)];
            ByteBuffer buf = ByteBuffer.allocateDirect(16 << 20).order(ByteOrder.LITTLE_ENDIAN);
            int at = 0;
            while (at < out.length) {
                buf.clear();
                if (ch.read(buf) < 0) {
                    break;
                }
                buf.flip();
                int n = Math.min(buf.remaining() / 4, out.length - at);
                buf.asFloatBuffer().get(out, at, n);
                at += n;
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** @return this process's peak resident set size, from /proc (0 where there is none) */
    static long vmHwmKb() {
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
