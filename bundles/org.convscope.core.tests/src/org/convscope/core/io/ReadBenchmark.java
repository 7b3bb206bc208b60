package org.convscope.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.convscope.core.tensor.Tensor;

/**
 * Times reading a model file: the structure ({@link ModelFiles#read} with every weight's shape,
 * no data) and then every weight's data. Not a test; the benchmark script runs it.
 *
 * <pre>
 * java -cp ... org.convscope.core.io.ReadBenchmark [--repeat N] [--json] MODEL [WEIGHTS_H5]
 * </pre>
 *
 * Prints the median over the repeats (default 5) of each phase, the weight count and bytes, and
 * the data rate of the full read.
 */
public final class ReadBenchmark {

    private ReadBenchmark() {
    }

    /** One timed read. */
    private record Run(double structureMs, double weightsMs, int weights, long bytes) {
    }

    public static void main(String[] args) throws IOException {
        int repeat = 5;
        boolean json = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--json" -> json = true;
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty() || files.size() > 2 || repeat < 1) {
            System.err.println("usage: ReadBenchmark [--repeat N] [--json] MODEL [WEIGHTS_H5]");
            System.exit(2);
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            runs.add(once(files));
        }
        double structure = median(runs.stream().mapToDouble(Run::structureMs).toArray());
        double weights = median(runs.stream().mapToDouble(Run::weightsMs).toArray());
        Run first = runs.get(0);
        double mbPerSecond = first.bytes() / 1e6 / (weights / 1e3);
        long fileBytes = 0;
        for (Path f : files) {
            fileBytes += Files.size(f);
        }
        if (json) {
            System.out.printf(Locale.ROOT, "{\"file\":\"%s\",\"file_bytes\":%d,\"repeats\":%d,\"structure_ms\":%.1f,"
                    + "\"weights_ms\":%.1f,\"weights\":%d,\"weight_bytes\":%d,\"weights_mb_per_s\":%.1f}%n",
                    files.get(0).getFileName(), fileBytes, repeat, structure, weights, first.weights(), first.bytes(),
                    mbPerSecond);
        } else {
            System.out.printf(Locale.ROOT, "%s (%d bytes), median of %d runs:%n", files.get(0), fileBytes, repeat);
            System.out.printf(Locale.ROOT, "  structure: %.1f ms%n", structure);
            System.out.printf(Locale.ROOT, "  all weights: %.1f ms for %d weights, %d bytes as float32 (%.1f MB/s)%n",
                    weights, first.weights(), first.bytes(), mbPerSecond);
        }
    }

    private static Run once(List<Path> files) throws IOException {
        long t0 = System.nanoTime();
        try (RawModel model = files.size() == 2
                ? ModelFiles.read(files.get(0), files.get(1))
                : ModelFiles.read(files.get(0))) {
            // A nested model's weights are listed under it and under its layers in some formats.
            Set<WeightRef> all = Collections.newSetFromMap(new IdentityHashMap<>());
            for (List<String> path : model.weights().layerPaths()) {
                all.addAll(model.weights().weights(path));
            }
            long t1 = System.nanoTime();
            long bytes = 0;
            for (WeightRef w : all) {
                Tensor t = w.load();
                bytes += 4L * t.size();
            }
            long t2 = System.nanoTime();
            return new Run((t1 - t0) / 1e6, (t2 - t1) / 1e6, all.size(), bytes);
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
