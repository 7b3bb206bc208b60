package org.convscope.ui.tests.workbench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.widgets.Display;

/**
 * Watches the UI thread from outside while a benchmark step runs: how long an input event would
 * have waited at worst (a ping posted every few milliseconds with {@code asyncExec}, the gap until
 * it runs), and, when asked, where the UI thread spends its time (its stack sampled every
 * millisecond, counted per method, inclusive).
 */
final class UiThreadProbe implements AutoCloseable {

    private static final long PING_NANOS = 5_000_000;

    private final Display display;
    private final boolean sample;
    private final AtomicLong worstWait = new AtomicLong();
    private final Map<String, Integer> inclusive = new HashMap<>();
    private int samples;
    private volatile boolean running = true;
    private final Thread pinger;
    private final Thread sampler;

    /**
     * @param display the display whose thread is watched
     * @param sample  whether to sample the UI thread's stacks too (costs the UI thread a little)
     */
    UiThreadProbe(Display display, boolean sample) {
        this.display = display;
        this.sample = sample;
        pinger = new Thread(this::ping, "bench-ui-ping");
        pinger.setDaemon(true);
        pinger.start();
        sampler = sample ? new Thread(this::sampleStacks, "bench-ui-sampler") : null;
        if (sampler != null) {
            sampler.setDaemon(true);
            sampler.start();
        }
    }

    private void ping() {
        while (running && !display.isDisposed()) {
            long posted = System.nanoTime();
            AtomicLong ran = new AtomicLong();
            try {
                display.asyncExec(() -> ran.set(System.nanoTime()));
            } catch (RuntimeException disposed) {
                return;
            }
            long until = posted + PING_NANOS;
            while (running && (ran.get() == 0 || System.nanoTime() < until)) {
                sleepNanos(500_000);
                if (ran.get() == 0) {
                    worstWait.accumulateAndGet(System.nanoTime() - posted, Math::max);
                }
            }
            if (ran.get() != 0) {
                worstWait.accumulateAndGet(ran.get() - posted, Math::max);
            }
        }
    }

    private void sampleStacks() {
        Thread ui = display.getThread();
        while (running) {
            StackTraceElement[] stack = ui.getStackTrace();
            if (idle(stack)) {
                sleepNanos(1_000_000);
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (StackTraceElement e : stack) {
                String m = e.getClassName() + "." + e.getMethodName();
                if (interesting(m) && seen.add(m)) {
                    synchronized (inclusive) {
                        inclusive.merge(m, 1, Integer::sum);
                    }
                }
            }
            synchronized (inclusive) {
                samples++;
            }
            sleepNanos(1_000_000);
        }
    }

    /** Waiting for events, or the benchmark waiting between polls: not work. */
    private static boolean idle(StackTraceElement[] stack) {
        if (stack.length == 0 || stack[0].getMethodName().startsWith("sleep")) {
            return true;
        }
        for (StackTraceElement e : stack) {
            if (e.getClassName().equals("org.eclipse.swt.widgets.Display") && e.getMethodName().equals("sleep")) {
                return true;
            }
        }
        return false;
    }

    private static boolean interesting(String method) {
        // The event loop and the benchmark's own waiting are in every sample; they say nothing.
        return !method.startsWith("org.convscope.ui.tests.") && !method.startsWith("java.")
                && !method.startsWith("jdk.") && !method.startsWith("sun.")
                && !method.contains("readAndDispatch") && !method.contains(".runDeferredEvents")
                && !method.contains(".runAsyncMessages") && !method.contains("Synchronizer.")
                && !method.contains("RunnableLock");
    }

    /** @return the longest an event posted to the UI thread waited, in milliseconds, so far */
    double worstWaitMs() {
        return worstWait.get() / 1e6;
    }

    /**
     * @param top how many methods
     * @return the methods seen most often on the UI thread's stack (inclusive), with their share
     *         of the samples; empty unless sampling
     */
    List<String> hotMethods(int top) {
        if (!sample) {
            return List.of();
        }
        List<Map.Entry<String, Integer>> sorted;
        int n;
        synchronized (inclusive) {
            sorted = new ArrayList<>(inclusive.entrySet());
            n = samples;
        }
        sorted.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        List<String> lines = new ArrayList<>();
        lines.add(n + " samples of the busy UI thread (about 1 ms apart), methods by inclusive share:");
        // what every sample holds (the event loop, the test harness) says nothing
        sorted.removeIf(e -> e.getValue() >= 0.98 * n);
        for (Map.Entry<String, Integer> e : sorted.subList(0, Math.min(top, sorted.size()))) {
            lines.add(String.format("  %5.1f %%  %s", 100.0 * e.getValue() / Math.max(1, n), e.getKey()));
        }
        return lines;
    }

    @Override
    public void close() {
        running = false;
        try {
            pinger.join(1000);
            if (sampler != null) {
                sampler.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
