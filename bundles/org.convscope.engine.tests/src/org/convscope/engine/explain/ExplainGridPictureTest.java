package org.convscope.engine.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convscope.core.render.PixelFont;
import org.convscope.core.render.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * The explain picture's text: the method above each column, the image's name and class left of its
 * row, the trust measures under each tile; checked pixel for pixel against the font.
 */
class ExplainGridPictureTest {

    private static final List<AttributionMethod> METHODS = List.of(AttributionMethod.GRADCAM,
            AttributionMethod.SALIENCY);
    private static final TrustMetrics METRICS = new TrustMetrics(0.9f, 0.123f, 0.5649f, -0.031f);
    private static final int G = ExplainGridPicture.GAP;

    private static Explanation explanation(boolean metrics) {
        float[] ramp = new float[64];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        Map<AttributionMethod, Attribution> maps = new LinkedHashMap<>();
        maps.put(AttributionMethod.GRADCAM, new Attribution(AttributionMethod.GRADCAM, Arrays.copyOf(ramp, 16), 4, 4));
        maps.put(AttributionMethod.SALIENCY, new Attribution(AttributionMethod.SALIENCY, ramp, 8, 8));
        Map<AttributionMethod, TrustMetrics> t = metrics
                ? Map.of(AttributionMethod.GRADCAM, METRICS, AttributionMethod.SALIENCY, METRICS)
                : Map.of();
        return new Explanation(List.of("conv"), "out", 8, 8,
                List.of(new ImageExplanation(0, 3, 0.9f, List.of(), maps, t, Map.of())));
    }

    private static RgbImage draw(boolean metrics) {
        int[] grey = new int[64];
        Arrays.fill(grey, 0xFF808080);
        return ExplainGridPicture.draw(explanation(metrics), List.of(new RgbImage(8, 8, grey)), List.of("cat.png"),
                List.of("a", "b", "c", "tabby"), METHODS, 0.5);
    }

    /** The pixels of rows [y0, y1) and columns [x0, x1). */
    private static int[] region(int[] argb, int width, int x0, int y0, int x1, int y1) {
        int[] out = new int[(x1 - x0) * (y1 - y0)];
        for (int y = y0; y < y1; y++) {
            System.arraycopy(argb, y * width + x0, out, (y - y0) * (x1 - x0), x1 - x0);
        }
        return out;
    }

    @Test
    void theMetricsAreShortWithTwoDecimalsAndAMinusSign() {
        assertEquals("del 0.12 ins 0.56 top25 \u22120.03", ExplainGridPicture.brief(METRICS));
        assertEquals("del 0.12 ins 0.56 top25 +0.25",
                ExplainGridPicture.brief(new TrustMetrics(0.5f, 0.123f, 0.5649f, 0.25f)));
    }

    @Test
    void titlesAboveTheColumnsAndTheRowsLabelOnTheLeft() {
        RgbImage grid = draw(false);
        int line = PixelFont.LINE;
        int label = PixelFont.width("class 3 tabby", 1);
        int left = G + label + 2 * G;
        int tile = ExplainGridPicture.TILE;
        assertEquals(left + 2 * tile + 2 * G, grid.width());
        assertEquals(G + line + tile + G, grid.height(), "no text under the tiles without metrics");

        int[] expected = new int[grid.width() * grid.height()];
        Arrays.fill(expected, ExplainGridPicture.BACKGROUND);
        int top = G + line;
        PixelFont.draw(expected, grid.width(), left + (tile - PixelFont.width("gradcam", 1)) / 2, G, "gradcam",
                ExplainGridPicture.TEXT, 1);
        PixelFont.draw(expected, grid.width(), left + tile + G + (tile - PixelFont.width("saliency", 1)) / 2, G,
                "saliency", ExplainGridPicture.TEXT, 1);
        int labelTop = top + (tile - 2 * line) / 2;
        PixelFont.draw(expected, grid.width(), G, labelTop, "cat.png", ExplainGridPicture.TEXT, 1);
        PixelFont.draw(expected, grid.width(), G, labelTop + line, "class 3 tabby", ExplainGridPicture.TEXT, 1);
        assertArrayEquals(region(expected, grid.width(), 0, 0, grid.width(), top),
                region(grid.argb(), grid.width(), 0, 0, grid.width(), top), "the column titles");
        assertArrayEquals(region(expected, grid.width(), 0, top, left, top + tile),
                region(grid.argb(), grid.width(), 0, top, left, top + tile), "the row's label");
        assertNotEquals(ExplainGridPicture.BACKGROUND, grid.pixel(left, top), "the first tile starts under its title");
    }

    @Test
    void eachTilesMetricsUnderIt() {
        RgbImage grid = draw(true);
        int line = PixelFont.LINE;
        int tile = ExplainGridPicture.TILE;
        int left = G + PixelFont.width("class 3 tabby", 1) + 2 * G;
        int under = G + line + tile + G;
        // the 29 characters do not fit 160 pixels: two lines
        assertEquals(under + 2 * line + G, grid.height());
        int[] expected = new int[grid.width() * grid.height()];
        Arrays.fill(expected, ExplainGridPicture.BACKGROUND);
        for (int j = 0; j < 2; j++) {
            int x = left + j * (tile + G);
            PixelFont.draw(expected, grid.width(), x, under, "del 0.12 ins 0.56", ExplainGridPicture.TEXT, 1);
            PixelFont.draw(expected, grid.width(), x, under + line, "top25 \u22120.03", ExplainGridPicture.TEXT, 1);
        }
        assertArrayEquals(region(expected, grid.width(), left, under, grid.width(), grid.height()),
                region(grid.argb(), grid.width(), left, under, grid.width(), grid.height()));
    }
}
