package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.render.GridGeometry;
import org.convscope.core.render.GridOptions;
import org.convscope.core.tensor.Tensor;
import org.convscope.ui.compare.CompareModel;
import org.junit.jupiter.api.Test;

/** The compare editor's logic without a display. */
class CompareModelTest {

    /** (1, 3, 3, 3): channel 0 equal in A and B, channel 1 slightly different, channel 2 very different. */
    private static Tensor item(boolean b) {
        float[] d = new float[27];
        for (int p = 0; p < 9; p++) {
            d[p * 3] = p;
            d[p * 3 + 1] = p + (b ? (p % 2) * 0.5f : 0);
            d[p * 3 + 2] = b ? 8 - p : p;
        }
        return new Tensor(d, new int[] { 1, 3, 3, 3 });
    }

    @Test
    void equalValuesGetEqualColoursInEveryPane() {
        CompareModel m = new CompareModel(List.of("a", "b"), List.of(item(false), item(true)), GridOptions.defaults());
        GridGeometry g = m.grids().get(0).geometry();
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                assertEquals(m.grids().get(0).image().pixel(g.tileX(0) + x, y),
                        m.grids().get(1).image().pixel(g.tileX(0) + x, y), "channel 0 is the same in both");
            }
        }
        assertNotEquals(m.grids().get(0).image().pixel(g.tileX(2), 0), m.grids().get(1).image().pixel(g.tileX(2), 0));
    }

    @Test
    void channelsAreRankedByHowDifferentlyTheyRespond() {
        CompareModel m = new CompareModel(List.of("a", "b"), List.of(item(false), item(true)), GridOptions.defaults());
        assertEquals(List.of(2, 1, 0), m.ranking().stream().map(r -> r.channel()).toList());
        assertEquals(0, m.ranking().get(2).score());
        assertTrue(m.differenceGrid().stats().get(0).dead(), "no difference is an all-zero tile");
        assertEquals(3, m.differenceGrid().tileCount());
        String hover = m.hoverText(m.grids().get(0).geometry().tileX(2), 0);
        assertTrue(hover.contains("a = 0") && hover.contains("b = 8") && hover.contains("= -8"), hover);
    }

    @Test
    void outputsOfDifferentShapesCannotBeCompared() {
        Tensor other = new Tensor(new float[12], new int[] { 1, 2, 2, 3 });
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> new CompareModel(List.of("a", "b"), List.of(item(false), other), GridOptions.defaults()));
        assertTrue(e.getMessage().contains("(1, 3, 3, 3)"), e.getMessage());
    }

    @Test
    void panesPickTheRowLengthThatShowsTheGridLargest() {
        Tensor wide = new Tensor(new float[26 * 26 * 32], new int[] { 1, 26, 26, 32 });
        Tensor other = new Tensor(new float[26 * 26 * 32], new int[] { 1, 26, 26, 32 });
        CompareModel m = new CompareModel(List.of("a", "b"), List.of(wide, other), GridOptions.defaults());
        assertEquals(32, m.bestPerRow(2000, 30), "a wide short pane takes one row");
        assertEquals(1, m.bestPerRow(30, 2000), "a tall narrow pane one column");
        assertEquals(4, m.bestPerRow(110, 220), "4 x 8 tiles fill a 1:2 pane");
    }
}
