package org.convscope.engine.internal;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Keeps SameDiff's "Added differentiated op …" lines off standard output. libnd4j 1.0.0-M2.1's
 * {@code SameDiff.createGradFunction} prints one per op with {@code System.out.println}, not through
 * a logger, so there is no logging switch for it: while {@link #call} runs, standard output is a
 * stream that drops those lines and passes everything else through. Other threads' output is
 * unaffected apart from that.
 */
final class QuietStdout extends PrintStream {

    private static final String NOISE = "Added differentiated op";

    private QuietStdout(PrintStream out) {
        super(out, true);
    }

    @Override
    public void println(String line) {
        if (line == null || !line.startsWith(NOISE)) {
            super.println(line);
        }
    }

    /** @return {@code body}'s result, computed with SameDiff's gradient chatter filtered out */
    static synchronized <T> T call(Supplier<T> body) {
        PrintStream out = System.out;
        System.setOut(new QuietStdout(out));
        try {
            return body.get();
        } finally {
            System.setOut(out);
        }
    }
}
