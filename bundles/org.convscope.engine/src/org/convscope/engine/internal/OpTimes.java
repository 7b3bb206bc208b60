package org.convscope.engine.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the engine's own forward and backward passes spend their time, per kind of op: a profiling
 * aid for the benchmarks ({@code releng/benchmarks}), off unless the JVM runs with
 * {@code -Dconvscope.opTimes=true}. When off, every call here is a test of a constant the JIT
 * removes; nothing is ever printed: a harness reads {@link #snapshot} and clears with
 * {@link #reset}.
 */
public final class OpTimes {

    /** Whether the timers run, fixed at class load. */
    public static final boolean ON = Boolean.getBoolean("convscope.opTimes");

    /** Kind → {total nanoseconds, calls}. */
    private static final Map<String, long[]> TIMES = new TreeMap<>();

    private OpTimes() {
    }

    /** @return the time to pass to {@link #stop}, 0 when off */
    public static long start() {
        return ON ? System.nanoTime() : 0;
    }

    /** Adds the time since {@code start} to {@code kind}, when on. */
    public static void stop(String kind, long start) {
        if (ON) {
            long t = System.nanoTime() - start;
            synchronized (TIMES) {
                long[] v = TIMES.computeIfAbsent(kind, k -> new long[2]);
                v[0] += t;
                v[1]++;
            }
        }
    }

    /** @return kind → {milliseconds, calls} since the last {@link #reset} */
    public static Map<String, double[]> snapshot() {
        Map<String, double[]> out = new LinkedHashMap<>();
        synchronized (TIMES) {
            TIMES.forEach((k, v) -> out.put(k, new double[] { v[0] / 1e6, v[1] }));
        }
        return out;
    }

    /** Clears the timers. */
    public static void reset() {
        synchronized (TIMES) {
            TIMES.clear();
        }
    }
}
