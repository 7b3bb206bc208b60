package org.convscope.core.keras;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;

/**
 * Compares a summary with what Keras reported: every key Keras gave must be present with an equal
 * value (numbers compared as numbers); keys Convscope adds are ignored.
 */
final class ExpectedJson {

    private ExpectedJson() {
    }

    static void assertContains(Object expected, Object actual, String where) {
        if (expected instanceof Map<?, ?> e) {
            if (!(actual instanceof Map<?, ?> a)) {
                fail(where + ": expected an object, got " + actual);
                return;
            }
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!a.containsKey(key)) {
                    fail(where + ": missing key " + key);
                }
                String name = a.get("name") instanceof String n ? where + "/" + n : where;
                assertContains(entry.getValue(), a.get(key), name + "." + key);
            }
        } else if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a) || a.size() != e.size()) {
                fail(where + ": expected " + abbreviate(e) + ", got " + abbreviate(actual));
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                assertContains(e.get(i), a.get(i), where + "[" + i + "]");
            }
        } else if (expected instanceof Number e) {
            if (!(actual instanceof Number a) || e.doubleValue() != a.doubleValue()) {
                fail(where + ": expected " + e + ", got " + actual);
            }
        } else if (expected == null ? actual != null : !expected.equals(actual)) {
            fail(where + ": expected " + expected + ", got " + actual);
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }
}
