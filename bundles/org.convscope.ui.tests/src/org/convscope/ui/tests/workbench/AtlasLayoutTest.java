package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.convscope.core.render.RgbImage;
import org.convscope.ui.filters.AtlasLayout;
import org.junit.jupiter.api.Test;

/** Where an atlas's tiles sit and which one is under a pixel: margins and the empty end of the last row hit none. */
class AtlasLayoutTest {

    private final AtlasLayout layout = new AtlasLayout(4, 3, 10, 8, 2);

    @Test
    void tilesSitInRowsWithMarginsAroundThem() {
        assertEquals(8 * 4 + 9 * 2, layout.width());
        assertEquals(2 * 3 + 3 * 2, layout.height());
        assertEquals(2, layout.tileX(0));
        assertEquals(2 + 6, layout.tileX(1));
        assertEquals(2, layout.tileX(8), "the ninth starts the second row");
        assertEquals(2 + 5, layout.tileY(8));
    }

    @Test
    void theTileUnderAPixel() {
        assertEquals(0, layout.indexAt(2, 2));
        assertEquals(0, layout.indexAt(5, 4), "the tile's last pixel");
        assertEquals(-1, layout.indexAt(6, 2), "the margin after it");
        assertEquals(-1, layout.indexAt(1, 2), "the left margin");
        assertEquals(9, layout.indexAt(2 + 6 + 1, 7 + 1));
        assertEquals(-1, layout.indexAt(2 + 2 * 6, 7), "past the last tile of the last row");
    }

    @Test
    void thePictureHasTheTilesAndFillsTheRest() {
        int[] red = new int[12];
        Arrays.fill(red, 0xFFFF0000);
        RgbImage img = new AtlasLayout(4, 3, 2, 8, 1).image(List.of(new RgbImage(4, 3, red)), 0xFF000000,
                0xFF808080);
        assertEquals(2 * 4 + 3, img.width());
        assertEquals(0xFF000000, img.pixel(0, 0), "margin");
        assertEquals(0xFFFF0000, img.pixel(1, 1), "the first tile");
        assertEquals(0xFF808080, img.pixel(6, 1), "a place whose pattern has not arrived");
    }
}
