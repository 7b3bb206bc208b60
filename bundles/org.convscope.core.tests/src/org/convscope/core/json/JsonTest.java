package org.convscope.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsPlainValuesKeepingKeyOrder() throws Exception {
        Object v = Json.parse("{\"b\": 1, \"a\": [1.5, \"x\", true, null], \"c\": {}}");
        Map<?, ?> map = assertInstanceOf(Map.class, v);
        assertEquals(List.of("b", "a", "c"), List.copyOf(map.keySet()));
        assertEquals(1L, map.get("b"));
        assertEquals(Arrays.asList(1.5, "x", true, null), map.get("a"));
        assertEquals(Map.of(), map.get("c"));
    }

    @Test
    void integersAreLongsAndOtherNumbersDoubles() throws Exception {
        assertEquals(List.of(3L, -7L, 3.0, 1e3, 2.5e-3), Json.parse("[3, -7, 3.0, 1e3, 2.5e-3]"));
        assertEquals(1e20, Json.parse("100000000000000000000"));
    }

    @Test
    void valuesAreImmutable() throws Exception {
        Map<?, ?> map = (Map<?, ?>) Json.parse("{\"a\": [1]}");
        assertThrows(UnsupportedOperationException.class, () -> map.remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) map.get("a")).clear());
    }

    @Test
    void acceptsPythonNonFiniteFloatsButNotAsStrings() throws Exception {
        List<?> list = (List<?>) Json.parse("[NaN, Infinity, -Infinity, \"NaN\", -1]");
        assertTrue(Double.isNaN((Double) list.get(0)));
        assertEquals(Double.POSITIVE_INFINITY, list.get(1));
        assertEquals(Double.NEGATIVE_INFINITY, list.get(2));
        assertEquals("NaN", list.get(3));
        assertEquals(-1L, list.get(4));
    }

    @Test
    void nonFiniteWordsAcrossBufferBoundariesAndSlowReaders() throws Exception {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) {
            sb.append(i % 3 == 0 ? "-Infinity" : i % 3 == 1 ? "NaN" : "\"Infinity\"").append(", ");
        }
        sb.append("1]");
        List<?> fast = (List<?>) Json.parse(sb.toString());
        // a reader handing over one char per call crosses every boundary
        Reader slow = new FilterReader(new StringReader(sb.toString())) {

            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                return super.read(cbuf, off, Math.min(len, 1));
            }
        };
        List<?> slowList = (List<?>) Json.parse(slow);
        assertEquals(5001, fast.size());
        assertEquals(Double.NEGATIVE_INFINITY, fast.get(4998 - 4998 % 3));
        assertEquals("Infinity", fast.get(2));
        assertEquals(fast.toString(), slowList.toString());
    }

    @Test
    void escapedQuotesDoNotConfuseTheNonFiniteFilter() throws Exception {
        assertEquals(List.of("a\"NaN", "\\"), Json.parse("[\"a\\\"NaN\", \"\\\\\"]"));
    }

    @Test
    void repeatedKeyKeepsTheLastValue() throws Exception {
        assertEquals(Map.of("a", 2L), Json.parse("{\"a\": 1, \"a\": 2}"));
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": tru\n}"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void truncatedJsonIsReported() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": [1, 2"));
        assertTrue(e.getMessage().contains("end of JSON"), e.getMessage());
    }

    @Test
    void unquotedStringsCommentsAndTrailingDataAreRejected() {
        assertThrows(JsonException.class, () -> Json.parse("{a: 1}"));
        assertThrows(JsonException.class, () -> Json.parse("[1] // x"));
        assertThrows(JsonException.class, () -> Json.parse("[1] [2]"));
        assertThrows(JsonException.class, () -> Json.parse(""));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThrows(JsonException.class, () -> Json.parse("[".repeat(100_000)));
        assertInstanceOf(List.class, assertDoesNotThrowParse(ok));
    }

    private static Object assertDoesNotThrowParse(String s) {
        try {
            return Json.parse(s);
        } catch (JsonException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writesWhatItReads() throws Exception {
        String text = "{\"a\":[1,2.5,\"x\",null,true],\"b\":{\"c\":-3}}";
        assertEquals(text, Json.write(Json.parse(text), false));
        assertNull(Json.parse("null"));
    }
}
