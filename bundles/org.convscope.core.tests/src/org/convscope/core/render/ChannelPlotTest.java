package org.convscope.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ChannelPlotTest {

    @Test
    void mapsMinToMaxLinearlyLikeMatshowWithABar() {
        float[] d = new float[4 * 4 * 2];
        for (int p = 0; p < 16; p++) {
            d[p * 2 + 1] = p - 5;
        }
        ChannelPlot plot = ChannelPlot.render(new Tensor(d, new int[] { 1, 4, 4, 2 }), 0, 1, 10, Colormap.VIRIDIS);
        RgbImage img = plot.image();
        assertEquals(40, img.height());
        assertEquals(plot.barX() + plot.barWidth(), img.width());
        assertTrue(plot.barX() >= 40);
        assertEquals(Colormap.VIRIDIS.argb(0), img.pixel(0, 0));
        assertEquals(Colormap.VIRIDIS.argb(255), img.pixel(39, 39));
        // 5 of 15 steps: floor(5/15·256) = 85
        assertEquals(Colormap.VIRIDIS.argb(85), img.pixel(15, 10));
        assertEquals(Colormap.VIRIDIS.argb(255), img.pixel(plot.barX(), 0));
        assertEquals(Colormap.VIRIDIS.argb(0), img.pixel(plot.barX(), 39));
        assertEquals(-5.0, plot.stats().min());
        assertEquals(10.0, plot.stats().max());
        assertEquals(1f, plot.valueAt(25, 15));
        assertTrue(Float.isNaN(plot.valueAt(plot.barX(), 0)));
    }

    @Test
    void aDeadChannelIsMarkedNotNaN() {
        ChannelPlot plot = ChannelPlot.render(new Tensor(new float[9], new int[] { 1, 3, 3, 1 }), 0, 0, 2,
                Colormap.MAGMA);
        assertTrue(plot.stats().dead());
        assertEquals(TileMarks.DEAD_HATCH, plot.image().pixel(0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ChannelPlot.render(new Tensor(new float[9], new int[] { 1, 3, 3, 1 }), 0, 1, 2, Colormap.MAGMA));
    }
}
