package org.convscope.core.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A direct reader for the JSON that model files hold, several times faster than going through
 * Gson's token reader (a 10,000-layer Keras config is 7.6 MB; its parse was a third of opening
 * the model). It reads only plain, well-formed documents: strict JSON with an object or array at
 * the top, plus the bare {@code NaN}, {@code Infinity} and {@code -Infinity} Python writes as
 * values. On anything else (an error, an escape it does not know, a control character in a
 * string, nesting at {@link Json#MAX_DEPTH}) it gives up and returns {@link #NOT_PLAIN}, and
 * {@link Json} reads the text the thorough way, which accepts or reports it exactly as before.
 * What it returns is what the thorough way returns for the same text: the same maps (key order
 * kept, a repeated key moved to the end with its last value), lists, strings and numbers.
 */
final class PlainJson {

    /** Returned when the text is not plain enough for this reader. */
    static final Object NOT_PLAIN = new Object();

    /** Thrown to leave the recursion at the first thing this reader does not take. */
    @SuppressWarnings("serial")
    private static final class NotPlain extends RuntimeException {

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN_SIGNAL = new NotPlain();
    private static final int KEYS = 1024;

    /** The text's characters: indexing an array is cheaper than {@code String.charAt}. */
    private final char[] text;
    private final int end;
    private int pos;
    private final StringBuilder scratch = new StringBuilder();
    /** Keys met so far, by hash; a collision just replaces the older key. */
    private final String[] keys = new String[KEYS];

    private PlainJson(String text) {
        this.text = text.toCharArray();
        this.end = this.text.length;
    }

    /**
     * @param text a JSON document, byte order mark removed
     * @return its value, or {@link #NOT_PLAIN}
     */
    static Object parse(String text) {
        PlainJson p = new PlainJson(text);
        try {
            p.skipSpace();
            char first = p.pos < p.end ? p.text[p.pos] : 0;
            if (first != '{' && first != '[') {
                return NOT_PLAIN;
            }
            Object value = p.value(0);
            p.skipSpace();
            return p.pos == p.end ? value : NOT_PLAIN;
        } catch (NotPlain | IndexOutOfBoundsException | NumberFormatException e) {
            return NOT_PLAIN;
        }
    }

    private Object value(int depth) {
        char c = peek();
        switch (c) {
            case '{' :
                return object(depth);
            case '[' :
                return array(depth);
            case '"' :
                return NonFiniteNumbers.decode(string());
            case 't' :
                word("true");
                return Boolean.TRUE;
            case 'f' :
                word("false");
                return Boolean.FALSE;
            case 'n' :
                word("null");
                return null;
            case 'N' :
                word("NaN");
                return Double.NaN;
            case 'I' :
                word("Infinity");
                return Double.POSITIVE_INFINITY;
            default :
                if (c == '-' && pos + 1 < end && text[pos + 1] == 'I') {
                    word("-Infinity");
                    return Double.NEGATIVE_INFINITY;
                }
                return number();
        }
    }

    private Map<String, Object> object(int depth) {
        if (depth >= Json.MAX_DEPTH) {
            throw NOT_PLAIN_SIGNAL;
        }
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw NOT_PLAIN_SIGNAL;
            }
            String key = key();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value(depth + 1);
            // a repeated key keeps its last value and moves to the end, as in the thorough reader
            map.remove(key);
            map.put(key, v);
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                throw NOT_PLAIN_SIGNAL;
            }
        }
    }

    private List<Object> array(int depth) {
        if (depth >= Json.MAX_DEPTH) {
            throw NOT_PLAIN_SIGNAL;
        }
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                throw NOT_PLAIN_SIGNAL;
            }
        }
    }

    /**
     * Reads an object's key at {@code pos} (its opening quote). A model file repeats a few dozen
     * keys hundreds of thousands of times; each is made once per document and then shared.
     */
    private String key() {
        int start = pos + 1;
        int hash = 0;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c == '"') {
                int length = i - start;
                int slot = (hash ^ hash >>> 16) & (KEYS - 1);
                String known = keys[slot];
                if (known != null && known.length() == length && matches(known, start)) {
                    pos = i + 1;
                    return known;
                }
                String key = new String(text, start, length);
                keys[slot] = key;
                pos = i + 1;
                return key;
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            hash = 31 * hash + c;
        }
        return string();
    }

    private boolean matches(String known, int start) {
        for (int i = 0; i < known.length(); i++) {
            if (text[start + i] != known.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reads a string at {@code pos} (its opening quote). */
    private String string() {
        int start = ++pos;
        while (true) {
            char c = text[pos];
            if (c == '"') {
                return new String(text, start, pos++ - start);
            }
            if (c == '\\') {
                return escaped(start);
            }
            if (c < 0x20) {
                throw NOT_PLAIN_SIGNAL;
            }
            pos++;
        }
    }

    /** The rest of a string that holds an escape, from {@code start}; {@code pos} is at the first backslash. */
    private String escaped(int start) {
        StringBuilder b = scratch;
        b.setLength(0);
        b.append(text, start, pos - start);
        while (true) {
            char c = text[pos++];
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw NOT_PLAIN_SIGNAL;
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = text[pos++];
            switch (e) {
                case '"', '\\', '/' :
                    b.append(e);
                    break;
                case 'b' :
                    b.append('\b');
                    break;
                case 'f' :
                    b.append('\f');
                    break;
                case 'n' :
                    b.append('\n');
                    break;
                case 'r' :
                    b.append('\r');
                    break;
                case 't' :
                    b.append('\t');
                    break;
                case 'u' :
                    b.append((char) (hex(text[pos]) << 12 | hex(text[pos + 1]) << 8
                            | hex(text[pos + 2]) << 4 | hex(text[pos + 3])));
                    pos += 4;
                    break;
                default :
                    throw NOT_PLAIN_SIGNAL;
            }
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw NOT_PLAIN_SIGNAL;
    }

    /** A number as JSON's grammar has it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        char c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw NOT_PLAIN_SIGNAL;
        }
        if (pos < end && text[pos] == '.') {
            pos++;
            requireDigits();
        }
        if (pos < end && (text[pos] == 'e' || text[pos] == 'E')) {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigits();
        }
        if (pos < end && isWordChar(text[pos])) {
            // "01", "1x": not a number the thorough reader takes
            throw NOT_PLAIN_SIGNAL;
        }
        return Json.number(new String(text, start, pos - start));
    }

    private static boolean isWordChar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-'
                || c == '+' || c == '_';
    }

    private void requireDigits() {
        char c = peek();
        if (c < '0' || c > '9') {
            throw NOT_PLAIN_SIGNAL;
        }
        digits();
    }

    private void digits() {
        while (pos < end) {
            char c = text[pos];
            if (c < '0' || c > '9') {
                return;
            }
            pos++;
        }
    }

    private void word(String w) {
        if (end - pos < w.length()) {
            throw NOT_PLAIN_SIGNAL;
        }
        for (int i = 0; i < w.length(); i++) {
            if (text[pos + i] != w.charAt(i)) {
                throw NOT_PLAIN_SIGNAL;
            }
        }
        pos += w.length();
        if (pos < end && isWordChar(text[pos])) {
            throw NOT_PLAIN_SIGNAL;
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw NOT_PLAIN_SIGNAL;
        }
        pos++;
    }

    private char peek() {
        if (pos >= end) {
            throw NOT_PLAIN_SIGNAL;
        }
        return text[pos];
    }

    private void skipSpace() {
        while (pos < end) {
            char c = text[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }
}
