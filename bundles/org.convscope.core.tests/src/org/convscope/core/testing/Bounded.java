package org.convscope.core.testing;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.management.ThreadMXBean;

/**
 * Runs one read of a hostile input on a thread of its own and measures what it cost: the bytes
 * that thread allocated on the Java heap (the same on every machine, unlike time), and whether
 * it answered at all within a generous wall-clock limit (only to catch real hangs).
 *
 * <p>An {@link OutOfMemoryError} anywhere in the cause chain counts as over the bound: a reader
 * that relies on the heap's limit to stop a size it read from the file did not check that size.
 */
public final class Bounded implements AutoCloseable {

    /** The most a rejected or accepted hostile input may make a reader allocate. */
    public static final long MAX_ALLOCATED = 300L << 20;

    /** Longer than any real read of a fuzz input takes, even on a loaded CI machine. */
    public static final long HANG_SECONDS = 60;

    /** Work to bound. */
    @FunctionalInterface
    public interface Work {

        void run() throws Exception;
    }

    /**
     * What one run came to.
     *
     * @param thrown    what the work threw, or null
     * @param allocated the bytes the work's thread allocated
     * @param hung      true when it gave no answer within the limit
     */
    public record Outcome(Throwable thrown, long allocated, boolean hung) {

        /** @return true when the run stayed within the bounds, whatever it threw */
        public boolean bounded() {
            return !hung && allocated <= MAX_ALLOCATED && !outOfMemory(thrown);
        }

        /** @return why the run broke the bounds, or null when it did not */
        public String overrun() {
            if (hung) {
                return "no answer within " + HANG_SECONDS + " s";
            }
            if (allocated > MAX_ALLOCATED) {
                return "allocated " + (allocated >> 20) + " MB (bound " + (MAX_ALLOCATED >> 20) + " MB)";
            }
            if (outOfMemory(thrown)) {
                return "stopped only by an OutOfMemoryError";
            }
            return null;
        }
    }

    private static final ThreadMXBean THREADS = threads();

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bounded-read");
        t.setDaemon(true);
        return t;
    });

    private static ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        throw new IllegalStateException("this JVM cannot measure a thread's allocations; the bounds need it");
    }

    /** @return the outcome of {@code work}, run on this runner's thread */
    public Outcome run(Work work) throws InterruptedException {
        long[] allocated = new long[1];
        Future<Throwable> f = executor.submit(() -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                work.run();
                return null;
            } catch (Exception | Error e) {
                return e;
            } finally {
                allocated[0] = THREADS.getCurrentThreadAllocatedBytes() - before;
            }
        });
        try {
            Throwable thrown = f.get(HANG_SECONDS, TimeUnit.SECONDS);
            return new Outcome(thrown, allocated[0], false);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(null, allocated[0], true);
        } catch (ExecutionException e) {
            return new Outcome(e.getCause(), allocated[0], false);
        }
    }

    private static boolean outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
