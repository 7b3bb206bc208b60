package org.convscope.core.json;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.convscope.core.text.MessageBundles;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;

/**
 * Reads JSON into plain immutable values and writes such values back.
 *
 * <p>Values are {@code Map<String,Object>} (key order kept; a repeated key keeps its last value,
 * as Python's {@code json} does), {@code List<Object>}, {@code String}, {@code Long} for integers
 * that fit, {@code Double} for every other number, {@code Boolean} and {@code null}. Python writes
 * {@code NaN} and {@code Infinity} unquoted when a float is not finite; they are accepted and read
 * as {@code Double}. Nesting deeper than {@link #MAX_DEPTH} is refused so that a hostile file cannot
 * exhaust the stack.
 */
public final class Json {

    /** The deepest nesting of arrays and objects accepted; Keras configs stay far below it. */
    public static final int MAX_DEPTH = 200;

    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

    private Json() {
    }

    /**
     * Parses one JSON document.
     *
     * @param text the document
     * @return its value as plain immutable Java values
     * @throws JsonException if the text is not one well-formed JSON value
     */
    public static Object parse(String text) throws JsonException {
        try {
            // Keras writes NaN and Infinity bare; only a text that holds one needs the slower
            // reader that turns them into something Gson reads.
            Object plain = PlainJson.parse(text);
            if (plain != PlainJson.NOT_PLAIN) {
                return plain;
            }
            boolean nonFinite = text.contains("NaN") || text.contains("Infinity");
            return parse(new StringReader(text), nonFinite);
        } catch (JsonException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string failed", e);
        }
    }

    /**
     * Parses one JSON document from a reader; the reader is not closed.
     *
     * @param in the document
     * @return its value as plain immutable Java values
     * @throws JsonException if the text is not one well-formed JSON value
     * @throws IOException   if reading fails
     */
    public static Object parse(Reader in) throws IOException {
        return parse(in, true);
    }

    private static Object parse(Reader in, boolean nonFinite) throws IOException {
        JsonReader reader = new JsonReader(nonFinite ? new NonFiniteNumbers(in) : in);
        reader.setStrictness(Strictness.STRICT);
        // Our own limit gives the message; Gson's is only a backstop.
        reader.setNestingLimit(MAX_DEPTH + 1);
        try {
            Object value = read(reader, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw error(reader, Messages.trailingData, null);
            }
            return value;
        } catch (MalformedJsonException | EOFException | IllegalStateException | NumberFormatException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof EOFException) {
                message = MessageBundles.bind(Messages.unexpectedEnd, message);
            }
            throw error(reader, message, e);
        }
    }

    private static Object read(JsonReader reader, int depth) throws IOException {
        JsonToken token = reader.peek();
        switch (token) {
            case BEGIN_OBJECT : {
                checkDepth(reader, depth);
                Map<String, Object> map = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String key = reader.nextName();
                    map.remove(key);
                    map.put(key, read(reader, depth + 1));
                }
                reader.endObject();
                return Collections.unmodifiableMap(map);
            }
            case BEGIN_ARRAY : {
                checkDepth(reader, depth);
                List<Object> list = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    list.add(read(reader, depth + 1));
                }
                reader.endArray();
                return Collections.unmodifiableList(list);
            }
            case STRING : {
                String s = reader.nextString();
                return NonFiniteNumbers.decode(s);
            }
            case NUMBER :
                return number(reader.nextString());
            case BOOLEAN :
                return reader.nextBoolean();
            case NULL :
                reader.nextNull();
                return null;
            default :
                throw error(reader, MessageBundles.bind(Messages.unexpectedToken, token), null);
        }
    }

    private static void checkDepth(JsonReader reader, int depth) throws JsonException {
        if (depth >= MAX_DEPTH) {
            throw error(reader, MessageBundles.bind(Messages.nestedTooDeep, MAX_DEPTH), null);
        }
    }

    /** @return a number token's value: a {@code Long} when it is an integer that fits, else a {@code Double} */
    static Object number(String literal) {
        boolean integral = literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                return new BigDecimal(literal).doubleValue();
            }
        }
        return Double.parseDouble(literal);
    }

    private static JsonException error(JsonReader reader, String message, Throwable cause) {
        // Gson reports the position only inside messages and toString(), so take it from there.
        Matcher m = POSITION.matcher(message);
        boolean hasPosition = m.find();
        if (!hasPosition) {
            m = POSITION.matcher(reader.toString());
        }
        int line = -1;
        int column = -1;
        if (hasPosition || m.find()) {
            line = Integer.parseInt(m.group(1));
            column = Integer.parseInt(m.group(2));
        }
        String text = message;
        if (!hasPosition && line > 0) {
            text = MessageBundles.bind(Messages.atPosition, message, line, column);
        }
        text = text.replace("\nSee https://github.com/google/gson/blob/main/Troubleshooting.md#malformed-json", "");
        text = text.replaceAll("\\s*See https://\\S+", "");
        text = text.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                Messages.malformed);
        return new JsonException(text, line, column, cause);
    }

    /**
     * Writes plain values (maps, iterables, strings, numbers, booleans, null) as JSON.
     *
     * @param value  the value
     * @param pretty indent with two spaces when true, compact otherwise
     * @return the JSON text
     */
    public static String write(Object value, boolean pretty) {
        StringWriter out = new StringWriter();
        try {
            write(value, out, pretty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes plain values as JSON to {@code out}, which is not closed.
     *
     * @param value  maps with string keys, iterables, arrays of int/long/double, strings, numbers,
     *               booleans or null
     * @param out    the destination
     * @param pretty indent with two spaces when true
     * @throws IOException if writing fails
     */
    public static void write(Object value, Writer out, boolean pretty) throws IOException {
        JsonWriter writer = new JsonWriter(out);
        if (pretty) {
            writer.setIndent("  ");
        }
        // Non-finite floats are legal in Keras configs; write them the way Python does.
        writer.setStrictness(Strictness.LENIENT);
        writer.setSerializeNulls(true);
        writeValue(writer, value);
        writer.flush();
    }

    private static void writeValue(JsonWriter w, Object value) throws IOException {
        if (value == null) {
            w.nullValue();
        } else if (value instanceof Map<?, ?> map) {
            w.beginObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                w.name(String.valueOf(e.getKey()));
                writeValue(w, e.getValue());
            }
            w.endObject();
        } else if (value instanceof Iterable<?> it) {
            w.beginArray();
            for (Object o : it) {
                writeValue(w, o);
            }
            w.endArray();
        } else if (value instanceof int[] a) {
            w.beginArray();
            for (int v : a) {
                w.value(v);
            }
            w.endArray();
        } else if (value instanceof long[] a) {
            w.beginArray();
            for (long v : a) {
                w.value(v);
            }
            w.endArray();
        } else if (value instanceof double[] a) {
            w.beginArray();
            for (double v : a) {
                w.value(v);
            }
            w.endArray();
        } else if (value instanceof Object[] a) {
            writeValue(w, Arrays.asList(a));
        } else if (value instanceof Boolean b) {
            w.value(b);
        } else if (value instanceof Double || value instanceof Float) {
            w.value(((Number) value).doubleValue());
        } else if (value instanceof Number n) {
            w.value(n);
        } else {
            w.value(value.toString());
        }
    }
}
