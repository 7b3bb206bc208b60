package org.convscope.core.json;

import java.io.FilterReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;

/**
 * Lets a strict JSON parser read the bare {@code NaN}, {@code Infinity} and {@code -Infinity} that
 * Python's {@code json.dumps} writes for non-finite floats: outside strings they are turned into
 * marked strings, which {@link #decode(String)} turns back into doubles. Gson's lenient mode would
 * accept them too, but also unquoted strings, comments and other garbage we want reported.
 */
final class NonFiniteNumbers extends FilterReader {

    /** A prefix no Keras string carries; the NUL makes it invisible in any sane document. */
    private static final String MARK = "\u0000\uE000";
    /** The mark as JSON source text: strict JSON wants the NUL escaped. */
    private static final String MARK_SOURCE = "\\u0000\uE000";
    private static final String[] WORDS = {"NaN", "Infinity", "-Infinity"};

    private final PushbackReader in;
    private final StringBuilder pending = new StringBuilder();
    private int pendingPos;
    private boolean inString;
    private boolean escape;

    NonFiniteNumbers(Reader in) {
        super(in);
        this.in = new PushbackReader(in, 16);
    }

    /**
     * @param s a string token
     * @return the double a marked string stands for, or {@code s} itself
     */
    static Object decode(String s) {
        if (!s.startsWith(MARK)) {
            return s;
        }
        switch (s.substring(MARK.length())) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return s;
        }
    }

    @Override
    public int read() throws IOException {
        if (pendingPos < pending.length()) {
            return pending.charAt(pendingPos++);
        }
        pending.setLength(0);
        pendingPos = 0;
        int c = in.read();
        if (c < 0) {
            return c;
        }
        if (inString) {
            if (escape) {
                escape = false;
            } else if (c == '\\') {
                escape = true;
            } else if (c == '"') {
                inString = false;
            }
            return c;
        }
        if (c == '"') {
            inString = true;
            return c;
        }
        if (c == 'N' || c == 'I' || c == '-') {
            String word = matchWord((char) c);
            if (word != null) {
                pending.append(MARK_SOURCE).append(word).append('"');
                return '"';
            }
        }
        return c;
    }

    private String matchWord(char first) throws IOException {
        for (String word : WORDS) {
            if (word.charAt(0) != first) {
                continue;
            }
            char[] rest = new char[word.length() - 1];
            int n = 0;
            while (n < rest.length) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                rest[n++] = (char) c;
            }
            if (n == rest.length && word.substring(1).equals(new String(rest))) {
                return word;
            }
            in.unread(rest, 0, n);
        }
        return null;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            // Stop early rather than block once something was read and the source has nothing ready.
            if (n > 0 && pendingPos >= pending.length() && !in.ready()) {
                break;
            }
            int c = read();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            buf[off + n++] = (char) c;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean ready() throws IOException {
        return pendingPos < pending.length() || in.ready();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readAheadLimit) throws IOException {
        throw new IOException("mark not supported");
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("reset not supported");
    }
}
