package org.convscope.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The direct reader ({@link PlainJson}) gives what the thorough reader gives ({@code Json.parse}
 * of a {@code Reader}, Gson's token reader with the non-finite words turned into marked
 * strings): the same values, key order and types for every text it takes, and for every other
 * text {@code Json.parse(String)} falls back, so its value or its error is the thorough reader's.
 */
class PlainJsonTest {

    private static final Path FIXTURES = Path.of("fixtures");

    @Test
    void everyJsonFixtureReadsAsTheThoroughReaderReadsIt() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(FIXTURES)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!f.startsWith(FIXTURES.resolve("bad"))) {
                assertNotSame(PlainJson.NOT_PLAIN, PlainJson.parse(text), "a good file is plain: " + f);
            }
            assertSameOutcome(text, f.toString());
        }
    }

    @Test
    void hardCasesAreEitherReadAlikeOrLeftToTheThoroughReader() {
        String[] texts = { "{}", "[]", " [ ] ", "{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":null,\"a\":null}",
                "[NaN,Infinity,-Infinity,-1,-0,0,-0.0,1e5,1E+5,1e-5,12345678901234567890,9223372036854775807,"
                        + "-9223372036854775808,9223372036854775808]",
                "[\"\\u0000\\uE000NaN\",\"\\ud83d\\ude00\",\"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"\u00e9\u4e2d\"]",
                "[01]", "[1.]", "[.5]", "[1e]", "[-]", "[+1]", "[1 2]", "[1,]", "{\"a\" 1}", "{a:1}", "{\"a\":1,}",
                "[tru]", "[truex]", "[nul]", "[NaNx]", "[-Infinit]", "[Infinity1]", "{NaN:1}", "[\"\\x\"]",
                "[\"\\u12G4\"]", "[\"a\tb\"]", "[\"unterminated]", "[", "{", "[1]]", "[1] x", "1", "\"s\"",
                "null", "", "   ", "[true,false,null]", "[\"a\"\"b\"]", "{\"k\":[{\"k\":[{}]}]}" };
        for (String t : texts) {
            assertSameOutcome(t, t);
        }
        assertNotSame(PlainJson.NOT_PLAIN, PlainJson.parse(texts[5]), "the non-finite words are plain values");
        assertSame(PlainJson.NOT_PLAIN, PlainJson.parse("[01]"));
    }

    @Test
    void randomDocumentsAndTheirDamagedCopiesAgree() {
        Random random = new Random(17);
        for (int i = 0; i < 400; i++) {
            StringBuilder b = new StringBuilder();
            document(random, b, 0);
            String text = b.toString();
            assertSameOutcome(text, text);
            // cut, doubled and swapped characters: mostly errors, which must be the thorough reader's
            char[] damaged = text.toCharArray();
            int at = random.nextInt(damaged.length);
            String noise = "{}[],:\"\\-0aN \u0001";
            damaged[at] = noise.charAt(random.nextInt(noise.length()));
            assertSameOutcome(new String(damaged), new String(damaged));
            assertSameOutcome(text.substring(0, random.nextInt(text.length())), "a cut document");
        }
    }

    @Test
    void nestingAtTheLimitIsLeftToTheThoroughReader() {
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        assertSame(PlainJson.NOT_PLAIN, PlainJson.parse(deep));
        assertSameOutcome(deep, "too deep");
        String limit = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertNotSame(PlainJson.NOT_PLAIN, PlainJson.parse(limit));
        assertSameOutcome(limit, "at the limit");
    }

    private static void document(Random r, StringBuilder b, int depth) {
        int kind = depth > 4 ? 2 + r.nextInt(6) : r.nextInt(8);
        switch (kind) {
            case 0 -> {
                b.append('{');
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," : "").append(' ').append('"').append((char) ('a' + r.nextInt(4)))
                            .append("\": ");
                    document(r, b, depth + 1);
                }
                b.append('}');
            }
            case 1 -> {
                b.append('[');
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? ", " : "");
                    document(r, b, depth + 1);
                }
                b.append(']');
            }
            case 2 ->
                b.append(List.of("\"plain\"", "\"esc\\n\\\"\\u00e9\"", "\"\"", "\"caf\u00e9\"").get(r.nextInt(4)));
            case 3 -> b.append(r.nextInt(2000) - 1000);
            case 4 -> b.append(List.of("1.5", "-2.25e-3", "1E10", "0", "-0", "0.0").get(r.nextInt(6)));
            case 5 -> b.append(List.of("true", "false", "null").get(r.nextInt(3)));
            case 6 -> b.append(List.of("NaN", "Infinity", "-Infinity").get(r.nextInt(3)));
            default -> b.append(r.nextLong());
        }
        if (depth == 0 && b.charAt(0) != '{' && b.charAt(0) != '[') {
            b.insert(0, '[').append(']');
        }
    }

    /** Json.parse(String) (the direct reader first) against the thorough reader alone. */
    private static void assertSameOutcome(String text, String what) {
        assertEquals(outcome(() -> Json.parse(new StringReader(text))), outcome(() -> Json.parse(text)), what);
    }

    private interface Parse {

        Object run() throws IOException;
    }

    /** The value written out with its types and key order, or the error's class and message. */
    private static String outcome(Parse parse) {
        try {
            StringBuilder b = new StringBuilder();
            describe(parse.run(), b);
            return b.toString();
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static void describe(Object v, StringBuilder b) {
        if (v instanceof Map<?, ?> m) {
            b.append(m.getClass().getName()).append('{');
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(e.getKey()).append('=');
                describe(e.getValue(), b);
                b.append(',');
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append(l.getClass().getName()).append('[');
            for (Object o : new ArrayList<>(l)) {
                describe(o, b);
                b.append(',');
            }
            b.append(']');
        } else {
            b.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v);
        }
    }
}
