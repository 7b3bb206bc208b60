package org.convscope.scan.spark;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.convscope.core.text.MessageBundles;

/**
 * Time stamps of the job's phases (JVM start, images listed, Spark started, each task's model
 * opened and its run scanned, the store written) on this process's stderr, when the environment
 * variable {@value #ENV} is set: where a Spark scan's fixed cost goes. Each stamp gives the seconds
 * since this JVM started and the wall clock in milliseconds, so that stamps of several processes
 * line up.
 */
final class Stamps {

    /** Set (to anything) to print the stamps. */
    static final String ENV = "CONVSCOPE_SCAN_TIMES";

    private static final boolean ON = System.getenv(ENV) != null;
    private static final long JVM_START = ManagementFactory.getRuntimeMXBean().getStartTime();

    private Stamps() {
    }

    /** Prints a stamp when they are on. */
    static void mark(String what) {
        if (ON) {
            long now = System.currentTimeMillis();
            System.err.println(MessageBundles.bind(Messages.stamp,
                    String.format(Locale.ROOT, "%.3f", (now - JVM_START) / 1e3), Long.toString(now),
                    Thread.currentThread().getName(), what));
        }
    }
}
