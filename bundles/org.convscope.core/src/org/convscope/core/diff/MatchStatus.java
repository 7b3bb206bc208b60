package org.convscope.core.diff;

import java.util.Locale;

/** What a layer match found. */
public enum MatchStatus {

    /** Matched, and nothing differs: class, configuration, output shape, parameters, weight values. */
    SAME,
    /** Matched, and something differs ({@link LayerMatch#differences()}). */
    CHANGED,
    /** A layer of the first model that the second lacks. */
    ONLY_A,
    /** A layer of the second model that the first lacks. */
    ONLY_B;

    /** @return the status as JSON and tables spell it: {@code same}, {@code changed}, {@code only_a}, {@code only_b} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
