package org.convscope.ui.tests.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;
import org.convscope.ui.diff.DiffModel;
import org.convscope.ui.theme.Palette;
import org.convscope.ui.theme.Palette.TextOnFill;
import org.junit.jupiter.api.Test;

/**
 * Every text Convscope paints reads on its fill in both themes: WCAG 2's contrast ratio of at least
 * 4.5:1 (AA for normal text), computed here from the definition, for each pair a palette declares,
 * including the comparison tints under the attribute text.
 */
class PaletteContrastTest {

    private static final double AA = 4.5;

    /** WCAG 2 relative luminance of an sRGB colour. */
    static double luminance(int rgb) {
        return 0.2126 * linear(rgb >> 16 & 0xFF) + 0.7152 * linear(rgb >> 8 & 0xFF) + 0.0722 * linear(rgb & 0xFF);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** WCAG 2 contrast ratio, 1 to 21. */
    static double contrast(int a, int b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** The tints a comparison paints boxes and cells with: the statuses and samples of the scale. */
    private static List<Integer> tints() {
        List<Integer> out = new ArrayList<>(List.of(DiffModel.SAME, DiffModel.CHANGED, DiffModel.ONLY));
        for (int i = 0; i <= 20; i++) {
            out.add(DiffModel.scale(i / 20.0, 1));
        }
        return out;
    }

    @Test
    void theContrastFormulaGivesWcagsKnownValues() {
        assertEquals(21, contrast(0x000000, 0xFFFFFF), 1e-9);
        assertEquals(1, contrast(0x777777, 0x777777), 1e-9);
        // #767676 on white is the classic "just passes AA" grey
        assertEquals(4.54, contrast(0x767676, 0xFFFFFF), 0.01);
    }

    @Test
    void everyTextReadsOnItsFillInTheLightTheme() {
        assertAllReadable(Palette.LIGHT);
    }

    @Test
    void everyTextReadsOnItsFillInTheDarkTheme() {
        assertAllReadable(Palette.DARK);
    }

    @Test
    void theCheckCoversEveryCategoryAndTint() {
        int expected = 8 + LayerCategory.values().length + tints().size();
        assertEquals(expected, Palette.DARK.textPairs(tints()).size());
        assertEquals(expected, Palette.LIGHT.textPairs(tints()).size());
    }

    @Test
    void theDarkThemeIsDarkAndTheLightOneLight() {
        assertTrue(luminance(Palette.DARK.background()) < 0.05, "dark background");
        assertTrue(luminance(Palette.DARK.body()) < 0.05, "dark box body");
        assertTrue(luminance(Palette.LIGHT.background()) > 0.9, "light background");
        for (int t : tints()) {
            assertEquals(t, Palette.LIGHT.tint(t), "the light theme shows a tint as it is");
            assertTrue(luminance(Palette.DARK.tint(t)) < luminance(t), "a dark tint is darker than on white");
        }
        // selection and the edges stand out of the background too (graphics: 3:1)
        for (Palette p : List.of(Palette.LIGHT, Palette.DARK)) {
            assertTrue(contrast(p.selection(), p.background()) >= 3, "selection on " + p.dark());
            assertTrue(contrast(p.edge(), p.background()) >= 3, "edges on " + p.dark());
        }
    }

    private static void assertAllReadable(Palette p) {
        List<String> poor = new ArrayList<>();
        for (TextOnFill pair : p.textPairs(tints())) {
            double c = contrast(pair.text(), pair.fill());
            if (c < AA) {
                poor.add(String.format("%s: %06x on %06x = %.2f", pair.what(), pair.text(), pair.fill(), c));
            }
        }
        assertTrue(poor.isEmpty(), "below " + AA + ":1 -> " + poor);
    }
}
