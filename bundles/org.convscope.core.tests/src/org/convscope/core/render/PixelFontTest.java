package org.convscope.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The built-in pixel font of the command line's pictures. */
class PixelFontTest {

    private static int[] drawn(String text, int scale) {
        int w = PixelFont.width(text, scale);
        int[] argb = new int[w * PixelFont.HEIGHT * scale];
        PixelFont.draw(argb, w, 0, 0, text, 1, scale);
        return argb;
    }

    @Test
    void widthsCountCellsWithoutTrailingSpace() {
        assertEquals(11, PixelFont.width("ab", 1));
        assertEquals(22, PixelFont.width("ab", 2));
        assertEquals(0, PixelFont.width("", 2));
    }

    @Test
    void aGlyphIsItsRowsEnlargedByTheScale() {
        int[] t = drawn("T", 2);
        // T: the whole top row set, then the middle column only
        for (int x = 0; x < 10; x++) {
            assertEquals(1, t[x], "top row, x " + x);
            assertEquals(1, t[10 + x], "second pixel row of the top row, x " + x);
            assertEquals(x / 2 == 2 ? 1 : 0, t[10 * 13 + x], "stem row, x " + x);
        }
    }

    @Test
    void theMinusSignIsAHyphenAndAnUnknownCharacterAQuestionMark() {
        assertArrayEquals(drawn("-", 1), drawn("\u2212", 1));
        assertArrayEquals(drawn("?", 1), drawn("\u00e9", 1));
        assertFalse(Arrays.equals(drawn("-", 1), drawn("?", 1)));
    }

    @Test
    void longTextIsCutToFit() {
        assertEquals("gradcam", PixelFont.fit("gradcam", 41, 1));
        assertEquals("guided-b..", PixelFont.fit("guided-backprop", 60, 1));
        assertTrue(PixelFont.width(PixelFont.fit("guided-backprop", 60, 2), 2) <= 60);
        assertEquals("", PixelFont.fit("abc", 5, 1));
    }

    @Test
    void drawingOutsideTheImageIsClipped() {
        int[] argb = new int[4 * 4];
        PixelFont.draw(argb, 4, -2, -3, "W", 7, 1);
        PixelFont.draw(argb, 4, 3, 3, "W", 7, 1);
        assertTrue(Arrays.stream(argb).anyMatch(v -> v == 7));
    }
}
