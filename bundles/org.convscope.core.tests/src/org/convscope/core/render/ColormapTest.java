package org.convscope.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.convscope.core.analysis.AnalysisException;
import org.junit.jupiter.api.Test;

class ColormapTest {

    private static final int[] INDICES = { 0, 1, 64, 127, 128, 200, 255 };

    /**
     * Expected values printed by matplotlib 3.11.2, independently of the committed tables:
     * {@code [tuple(cmap(i, bytes=True)[:3]) for i in (0, 1, 64, 127, 128, 200, 255)]}.
     */
    private static final int[][][] MATPLOTLIB = {
            { { 68, 1, 84 }, { 68, 2, 85 }, { 58, 82, 139 }, { 32, 143, 140 }, { 32, 144, 140 }, { 112, 206, 86 },
                    { 253, 231, 36 } },
            { { 0, 0, 3 }, { 0, 0, 4 }, { 80, 18, 123 }, { 181, 54, 121 }, { 182, 54, 121 }, { 253, 151, 104 },
                    { 251, 252, 191 } },
            { { 0, 0, 0 }, { 1, 1, 1 }, { 64, 64, 64 }, { 127, 127, 127 }, { 128, 128, 128 }, { 200, 200, 200 },
                    { 255, 255, 255 } },
            { { 0, 0, 127 }, { 0, 0, 132 }, { 0, 128, 255 }, { 121, 255, 125 }, { 124, 255, 121 }, { 255, 118, 0 },
                    { 127, 0, 0 } } };

    @Test
    void entriesEqualMatplotlibs() {
        Colormap[] maps = { Colormap.VIRIDIS, Colormap.MAGMA, Colormap.GRAY, Colormap.JET };
        for (int m = 0; m < maps.length; m++) {
            for (int k = 0; k < INDICES.length; k++) {
                int argb = maps[m].argb(INDICES[k]);
                int[] rgb = { argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF };
                assertArrayEquals(MATPLOTLIB[m][k], rgb, maps[m] + " entry " + INDICES[k]);
                assertEquals(0xFF, argb >>> 24, "opaque");
            }
        }
    }

    @Test
    void floatEntriesAreMatplotlibsFloats() {
        assertArrayEquals(new float[] { 0.267004f, 0.004874f, 0.329415f }, Colormap.VIRIDIS.rgb(0));
        assertArrayEquals(new float[] { 0f, 0f, 0.5f }, Colormap.JET.rgb(0));
    }

    @Test
    void floatLookupFollowsMatplotlibsRule() {
        assertEquals(Colormap.VIRIDIS.argb(0), Colormap.VIRIDIS.argb(0.0));
        assertEquals(Colormap.VIRIDIS.argb(255), Colormap.VIRIDIS.argb(1.0));
        assertEquals(Colormap.VIRIDIS.argb(128), Colormap.VIRIDIS.argb(0.5));
        assertEquals(Colormap.VIRIDIS.argb(0), Colormap.VIRIDIS.argb(-3.0));
    }

    @Test
    void namesResolveAndUnknownOnesAreRejected() {
        assertEquals(Colormap.GRAY, Colormap.named("Grey"));
        assertEquals(Colormap.JET, Colormap.named(" jet "));
        AnalysisException e = assertThrows(AnalysisException.class, () -> Colormap.named("parula"));
        assertEquals("unknown colormap 'parula' (known: viridis, magma, gray, jet)", e.getMessage());
        assertEquals(256, Colormap.MAGMA.table256().length);
        assertEquals(NormalizationScope.SHARED, NormalizationScope.named("Shared"));
        assertThrows(AnalysisException.class, () -> NormalizationScope.named("batch"));
    }
}
