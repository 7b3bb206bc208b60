package org.convscope.core.json;

import java.io.IOException;
import java.io.Reader;

/**
 * Lets a strict JSON parser read the bare {@code NaN}, {@code Infinity} and {@code -Infinity} that
 * Python's {@code json.dumps} writes for non-finite floats: outside strings they are turned into
 * marked strings, which {@link #decode(String)} turns back into doubles. Gson's lenient mode would
 * accept them too, but also unquoted strings, comments and other garbage we want reported.
 */
final class NonFiniteNumbers extends Reader {

    /** A prefix no Keras string carries; the NUL makes it invisible in any sane document. */
    private static final String MARK = "\u0000\uE000";
    /** The mark as JSON source text: strict JSON wants the NUL escaped. */
    private static final String MARK_SOURCE = "\\u0000\uE000";
    private static final String[] WORDS = { "NaN", "Infinity", "-Infinity" };
    private static final int LONGEST = 9;

    private final Reader in;
    private final char[] buf = new char[16384];
    private int pos;
    private int limit;
    private boolean eof;
    private String pending;
    private int pendingPos;
    private boolean inString;
    private boolean escape;

    NonFiniteNumbers(Reader in) {
        this.in = in;
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
            case "NaN" :
                return Double.NaN;
            case "Infinity" :
                return Double.POSITIVE_INFINITY;
            case "-Infinity" :
                return Double.NEGATIVE_INFINITY;
            default :
                return s;
        }
    }

    @Override
    public int read(char[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (pending != null) {
                out[off + n++] = pending.charAt(pendingPos++);
                if (pendingPos == pending.length()) {
                    pending = null;
                }
                continue;
            }
            if (pos >= limit) {
                // Hand over what we have rather than block for more.
                if (n > 0 || !fill(1)) {
                    break;
                }
            }
            char c = buf[pos];
            if (inString) {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == 'N' || c == 'I' || c == '-') {
                String word = matchWord();
                if (word != null) {
                    pending = "\"" + MARK_SOURCE + word + "\"";
                    pendingPos = 0;
                    continue;
                }
            }
            out[off + n++] = c;
            pos++;
        }
        return n == 0 ? -1 : n;
    }

    /** @return the non-finite word starting at {@code pos}, consumed, or null */
    private String matchWord() throws IOException {
        fill(LONGEST);
        for (String word : WORDS) {
            if (limit - pos >= word.length() && word.contentEquals(new String(buf, pos, word.length()))) {
                pos += word.length();
                return word;
            }
        }
        return null;
    }

    /** Reads until at least {@code need} chars are buffered or the input ends; false if none are. */
    private boolean fill(int need) throws IOException {
        if (limit - pos >= need || eof) {
            return limit > pos;
        }
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < need && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit > pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
