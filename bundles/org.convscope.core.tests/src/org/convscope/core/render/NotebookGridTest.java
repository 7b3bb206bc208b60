package org.convscope.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Against the notebook's own arithmetic, run by fixtures/render/make_grid_reference.py. */
class NotebookGridTest {

    @Test
    void tilesCarryTheNotebooksValues() throws IOException {
        Tensor input = Npy.read(Fixtures.file("render/grid_input.npy"));
        Tensor expected = Npy.read(Fixtures.file("render/grid_notebook.npy"));
        ChannelGrid grid = ChannelGridRenderer.render(input);
        GridGeometry g = grid.geometry();
        int compared = 0;
        int exact = 0;
        for (int c = 0; c < 37; c++) {
            if (c == 4 || c == 11) {
                assertTrue(grid.stats().get(c).flagged(), "channel " + c);
                continue;
            }
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 7; x++) {
                    int want = (int) expected.data()[(c * 9 + y) * 7 + x];
                    int got = grid.image().pixel(g.tileX(c) + x, g.tileY(c) + y);
                    boolean near = false;
                    for (int i = Math.max(0, want - 1); i <= Math.min(255, want + 1); i++) {
                        near |= got == Colormap.VIRIDIS.argb(i);
                    }
                    assertTrue(near, "channel " + c + " (" + x + ", " + y + "): not entry " + want + " ± 1");
                    compared++;
                    exact += got == Colormap.VIRIDIS.argb(want) ? 1 : 0;
                }
            }
        }
        // numpy sums in float32 pairwise, we in shifted double: only values on an integer edge may differ
        assertTrue(exact >= compared * 0.99, exact + " of " + compared + " exact");
        assertEquals(1, grid.deadCount());
        assertEquals(1, grid.constantCount());
    }
}
