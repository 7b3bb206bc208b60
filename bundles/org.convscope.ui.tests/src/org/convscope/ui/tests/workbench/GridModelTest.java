package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.convscope.core.npy.Npy;
import org.convscope.core.render.ChannelGridRenderer;
import org.convscope.core.render.Colormap;
import org.convscope.core.render.GridGeometry;
import org.convscope.core.render.GridOptions;
import org.convscope.core.render.TileMarks;
import org.convscope.core.tensor.Tensor;
import org.convscope.ui.grid.GridModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid editor's logic without a display. */
class GridModelTest {

    /** (1, 4, 4, 5): channel 2 all zero, channel 3 constant 7, the others ramps. */
    static Tensor layer() {
        int h = 4;
        int w = 4;
        int c = 5;
        float[] d = new float[h * w * c];
        for (int p = 0; p < h * w; p++) {
            for (int ch = 0; ch < c; ch++) {
                d[p * c + ch] = ch == 2 ? 0 : ch == 3 ? 7 : p * (ch + 1);
            }
        }
        return new Tensor(d, new int[] { 1, h, w, c });
    }

    @Test
    void everyChannelIsATileAndDeadAndConstantOnesAreFlagged() {
        GridModel m = new GridModel(layer(), GridOptions.defaults());
        assertEquals(5, m.grid().tileCount());
        assertEquals(1, m.grid().deadCount());
        assertEquals(1, m.grid().constantCount());
        GridGeometry g = m.grid().geometry();
        int deadPixel = m.grid().image().pixel(g.tileX(2) + 1, g.tileY(2));
        assertTrue(deadPixel == TileMarks.DEAD_FILL || deadPixel == TileMarks.DEAD_HATCH, "dead tile is marked");
        assertEquals(ChannelGridRenderer.render(layer(), GridOptions.defaults()).image(), m.grid().image(),
                "the editor shows the renderer's picture unchanged");
        assertTrue(m.summary().contains("5 channels") && m.summary().contains("1 dead"), m.summary());
    }

    @Test
    void hoverNamesChannelPositionAndValue() {
        GridModel m = new GridModel(layer(), GridOptions.defaults());
        GridGeometry g = m.grid().geometry();
        String text = m.hoverText(g.tileX(1) + 3, g.tileY(1) + 2);
        assertTrue(text.startsWith("channel 1 "), text);
        assertTrue(text.contains("row 2, column 3"), text);
        assertTrue(text.contains("value 22"), "(2·4+3)·2 = 22: " + text);
        assertTrue(m.hoverText(g.tileX(2), g.tileY(2)).contains("dead"));
        assertEquals("", m.hoverText(g.tileX(0) + 4, 0), "the gap between tiles reads nothing");
        assertEquals(1, m.channelAt(g.tileX(1), g.tileY(1)).orElseThrow());
    }

    @Test
    void optionsRedrawTheGrid() {
        GridModel m = new GridModel(layer(), GridOptions.defaults());
        m.setOptions(m.options().withPerRow(2).withColormap(Colormap.GRAY));
        assertEquals(2, m.grid().geometry().columns());
        assertEquals(3, m.grid().geometry().rows());
        assertEquals(Colormap.GRAY, m.options().colormap());
    }

    @Test
    void exportsWriteThePictureAndTheArray(@TempDir Path dir) throws IOException {
        GridModel m = new GridModel(layer(), GridOptions.defaults());
        Path png = dir.resolve("grid.png");
        Path npy = dir.resolve("grid.npy");
        m.exportPng(png);
        m.exportNpy(npy);
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        Tensor back = Npy.read(npy);
        assertArrayEquals(new int[] { 1, 4, 4, 5 }, back.shape());
        assertArrayEquals(layer().data(), back.data());
    }

    @Test
    void numbersReadWell() {
        assertEquals("0", GridModel.format(0));
        assertEquals("0.5000", GridModel.format(0.5));
        assertEquals("1.000e-05", GridModel.format(1e-5));
        assertEquals("(1, 26, 26, 32)", GridModel.shapeText(new int[] { 1, 26, 26, 32 }));
    }
}
