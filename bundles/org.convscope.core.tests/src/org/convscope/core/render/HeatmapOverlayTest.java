package org.convscope.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class HeatmapOverlayTest {

    private static RgbImage grey(int w, int h) {
        int[] px = new int[w * h];
        Arrays.fill(px, 0xFF808080);
        return new RgbImage(w, h, px);
    }

    @Test
    void hotCellsTakeTheTopColourAndOpacityBlends() {
        float[] heat = { 0, 0, 0, 1 };
        RgbImage full = HeatmapOverlay.overlay(grey(8, 8), heat, 2, 2, 1.0);
        assertEquals(Colormap.JET.argb(255), full.pixel(7, 7));
        assertEquals(Colormap.JET.argb(0), full.pixel(0, 0));
        RgbImage none = HeatmapOverlay.overlay(grey(8, 8), heat, 2, 2, 0.0);
        assertEquals(grey(8, 8), none);
        int top = Colormap.JET.argb(255);
        int expectedRed = (int) Math.round(0x80 * 0.6 + (top >> 16 & 0xFF) * 0.4);
        assertEquals(expectedRed, HeatmapOverlay.overlay(grey(8, 8), heat, 2, 2, 0.4).pixel(7, 7) >> 16 & 0xFF);
    }

    @Test
    void aFlatOrNaNHeatmapGivesNoNaN() {
        RgbImage flat = HeatmapOverlay.overlay(grey(4, 4), new float[] { 0, 0, 0, 0 }, 2, 2, 1.0);
        assertEquals(Colormap.JET.argb(0), flat.pixel(3, 3));
        RgbImage nan = HeatmapOverlay.overlay(grey(4, 4), new float[] { Float.NaN, 1, 2, 3 }, 2, 2, 1.0);
        assertEquals(Colormap.JET.argb(0), nan.pixel(0, 0));
        assertThrows(IllegalArgumentException.class, () -> HeatmapOverlay.overlay(grey(4, 4), new float[3], 2, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> HeatmapOverlay.overlay(grey(4, 4), new float[4], 2, 2, 2));
    }
}
