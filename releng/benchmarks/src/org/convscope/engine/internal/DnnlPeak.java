package org.convscope.engine.internal;

import static org.bytedeco.dnnl.global.dnnl.dnnl_sgemm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.bytedeco.javacpp.FloatPointer;
import org.convscope.engine.Engine;

/**
 * This machine's fp32 peak by oneDNN's own sgemm, N² by N², all cores: the second measure of the
 * peak beside {@code peak.py}'s numpy sgemm, whose OpenBLAS may not use every vector unit of a CPU
 * newer than its build (on an AVX-512 CPU numpy reached about half of oneDNN's rate). The
 * benchmarks scale their GFLOP/s by the better of the two. Not a test.
 *
 * <pre>java -cp ... org.convscope.engine.internal.DnnlPeak [N=4096] [ROUNDS=5]</pre>
 *
 * Prints one JSON line: {@code {"case":"peak","method":"dnnl_sgemm","gflops":best,"gflops_median":...,"n":N}}.
 */
public final class DnnlPeak {

    private DnnlPeak() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        // the engine picks and loads the natives; oneDNN's presets load with it
        Engine.nativeDescription();
        if (!Dnnl.available()) {
            System.err.println("oneDNN's presets do not load on this platform: no dnnl_sgemm peak");
            System.exit(1);
        }
        System.out.println(measure(n, rounds));
    }

    /** @return the JSON line of the best and median rate of {@code rounds} products, after one untimed */
    static String measure(int n, int rounds) {
        Random random = new Random(1);
        float[] a = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
        }
        double[] rates = new double[rounds];
        try (FloatPointer x = new FloatPointer(a); FloatPointer y = new FloatPointer(a);
                FloatPointer z = new FloatPointer((long) n * n)) {
            for (int r = -1; r < rounds; r++) {
                long t0 = System.nanoTime();
                Dnnl.check(dnnl_sgemm((byte) 'N', (byte) 'N', n, n, n, 1f, x, n, y, n, 0f, z, n), "sgemm");
                if (r >= 0) {
                    rates[r] = 2.0 * n * n * n / (System.nanoTime() - t0);
                }
            }
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT,
                "{\"case\":\"peak\",\"method\":\"dnnl_sgemm\",\"gflops\":%.1f,\"gflops_median\":%.1f,\"n\":%d,"
                        + "\"threads\":%d}",
                sorted[rounds - 1], sorted[rounds / 2], n, Runtime.getRuntime().availableProcessors());
    }
}
