package org.convscope.scan.spark;

import java.io.IOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Gives the C heap's free memory back to the system while a JVM scans: glibc's
 * {@code malloc_trim(0)}, through JNA (which ND4J brings), twice a second.
 * <p>
 * libnd4j and oneDNN allocate and free buffers of a batch's size with {@code malloc} on every
 * operation. glibc keeps what is freed in its arenas, and in the job's JVM (two task threads, and
 * Spark's own threads, which take arenas of their own) the arenas kept growing with the number of
 * images scanned although little of them was in use: at 60,000 MNIST digits, 620 MB held, 22 MB in
 * use (glibc's {@code malloc_stats}); a 100,000-image scan peaked at 1.1 GB against 0.6 GB for
 * 10,000 (RESULTS.md, session 12).
 * <p>
 * Every {@value #PERIOD_MS} ms the thread reads the process's resident memory and trims when it has
 * grown by more than {@value #GROWTH_MB} MB since the last trim. Trimming at every tick, whatever had
 * grown, gave back memory the next batches would have taken again, which they then faulted in page
 * by page: a 10,000-digit Spark scan spent 6.6–7.1 s of system time against 3.3–4.3 s without trims
 * (RESULTS.md, session 13). Memory that is reused does not grow the resident size, so it is left
 * alone; memory that piles up is given back once it passes the bound. Where the resident size
 * cannot be read it trims at every tick.
 * <p>
 * Elsewhere than on glibc (no {@code malloc_trim}), or without JNA, it does nothing.
 */
final class NativeHeap {

    /** How often the trimming thread looks. */
    static final long PERIOD_MS = 500;
    /** Growth of the resident memory since the last trim that makes the next. */
    static final long GROWTH_MB = 128;
    private static final long PAGE = 4096;
    private static final Path STATM = Path.of("/proc/self/statm");

    private static final Logger LOG = System.getLogger(NativeHeap.class.getName());

    /** {@code malloc_trim}, or null where there is none. */
    private static final Function TRIM = find();

    private static final AtomicBoolean TRIMMING = new AtomicBoolean();

    private NativeHeap() {
    }

    private static Function find() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        try {
            return NativeLibrary.getInstance("c").getFunction("malloc_trim");
        } catch (LinkageError | RuntimeException e) {
            // musl and other C libraries have no malloc_trim; JNA may be missing from a class path
            LOG.log(Logger.Level.DEBUG, "no malloc_trim: " + e);
            return null;
        }
    }

    /** @return whether this process can trim its C heap */
    static boolean available() {
        return TRIM != null;
    }

    /** Returns the C heap's free pages to the system, where it can; never fails. */
    static void trim() {
        if (TRIM == null) {
            return;
        }
        try {
            TRIM.invokeInt(new Object[] { 0 });
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Logger.Level.DEBUG, "malloc_trim failed: " + e);
        }
    }

    /**
     * @param floor the resident memory after the last trim, in bytes, -1 when not known
     * @param now   the resident memory now, -1 when not known
     * @return whether to trim now
     */
    static boolean worthTrimming(long floor, long now) {
        return floor < 0 || now < 0 || now - floor > GROWTH_MB << 20;
    }

    /** @return this process's resident memory in bytes ({@code /proc/self/statm}), -1 when not known */
    static long resident() {
        try {
            String[] statm = Files.readString(STATM).trim().split(" ");
            return Long.parseLong(statm[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Starts this JVM's trimming thread, a daemon, unless it runs already or there is nothing to
     * call.
     *
     * @return whether this call started it
     */
    static boolean startTrimming() {
        if (TRIM == null || !TRIMMING.compareAndSet(false, true)) {
            return false;
        }
        Thread t = new Thread(() -> {
            long floor = resident();
            while (true) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = resident();
                if (worthTrimming(floor, now)) {
                    trim();
                    floor = resident();
                } else if (now < floor) {
                    floor = now;
                }
            }
        }, "convscope-heap-trim");
        t.setDaemon(true);
        t.start();
        return true;
    }
}
