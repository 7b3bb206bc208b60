package org.convscope.ui.explain;

import java.util.Locale;
import java.util.Optional;

import org.convscope.engine.explain.Attribution;
import org.convscope.engine.explain.SanityCheck;
import org.convscope.engine.explain.TrustMetrics;

/** The words under a tile of the Explain view's grid: its trust measures, never "NaN". */
final class TileText {

    private TileText() {
    }

    /** @return whether every value of {@code a} is the same: a map that ranks nothing */
    static boolean constant(Attribution a) {
        float[] v = a.values();
        for (float x : v) {
            if (Float.compare(x, v[0]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the lines under the tile of image {@code i} by method {@code a.method()} */
    static String of(ExplainResult r, int i, Attribution a) {
        StringBuilder out = new StringBuilder();
        if (constant(a)) {
            out.append(Messages.bind(Messages.constantMap, number(a.values()[0])));
        }
        Optional<TrustMetrics> t = r.metrics(i, a.method());
        if (t.isPresent() && !constant(a)) {
            line(out, Messages.bind(Messages.metricsLine, new Object[] { number(t.get().deletionAuc()),
                    number(t.get().insertionAuc()), signed(t.get().confidenceChange()) }));
        }
        Optional<SanityCheck> s = r.sanity(i, a.method());
        if (s.isPresent()) {
            StringBuilder rho = new StringBuilder();
            for (float c : s.get().correlations()) {
                rho.append(rho.length() == 0 ? "" : " / ").append(Float.isFinite(c)
                        ? String.format(Locale.ROOT, "%.2f", c)
                        : Messages.constantRho);
            }
            line(out, Messages.bind(Messages.sanityLine, rho));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String text) {
        out.append(out.length() == 0 ? "" : "\n").append(text);
    }

    /** @return {@code v} with 3 decimals, or in words when it is not a number */
    static String number(float v) {
        return Float.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : Messages.notANumber;
    }

    private static String signed(float v) {
        return Float.isFinite(v) ? String.format(Locale.ROOT, "%+.3f", v) : Messages.notANumber;
    }

    /** @return a value read under the pointer, short but exact enough for gradients */
    static String value(float v) {
        return Float.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : Messages.notANumber;
    }
}
