package org.convscope.ui.theme;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.model.LayerCategory;

/**
 * Every colour Convscope paints itself, as 0xRRGGBB values, in one light and one dark variant: the
 * graph, the grids' surroundings and marks, the comparison tints, the legends. Painters ask
 * {@link UiTheme#palette()} for the active one and never hold a colour constant of their own. The
 * heat maps' colour maps (viridis, jet, …) are data, not decoration, and keep their values in both.
 * Plain Java, so the contrast of each pair a painter draws text with is checked without a display.
 *
 * @param dark          whether this is the dark variant
 * @param background    the graph's background and the mini-map's
 * @param body          a box's body
 * @param outline       a box's outline
 * @param text          attribute text on a box's body (and on a tinted body)
 * @param stats         run statistics on a box's body
 * @param headerText    text and toggles on a header band and on the activation strip
 * @param edge          edges and their arrows
 * @param label         an edge's inferred shape, on the background
 * @param labelMeasured an edge's measured shape, on the background
 * @param selection     the outline of selected boxes and the mini-map's viewport
 * @param found         the halo behind boxes that match a search
 * @param frame         the dashed frame of an expanded group and its title, on the background
 * @param overviewEdge  edges on the mini-map
 * @param message       a message on an empty graph ("no model"), on the background
 * @param panel         the background of Convscope's panels; the CSS theme's widget background
 * @param panelText     text on a panel (legends)
 * @param list          the background of tables and lists; the CSS theme's table background
 * @param problem       a table row's text that reports a problem, on a list's background
 * @param gridSurround  around a grid image in its zoomable canvas
 * @param gutter        the gaps between a grid's tiles
 * @param markDead      the outline of a dead tile, on a heat map
 * @param markConstant  the outline of a constant tile, on a heat map
 * @param markHover     the outline of the tile under the pointer, on a heat map
 * @param markPicked    the outline of the tile picked in a ranking, on a heat map
 * @param tintMix       how much of a comparison tint shows over the body: 1 shows the tint as it
 *                      is, less blends it into the body so the text colour still reads on it
 */
public record Palette(boolean dark, int background, int body, int outline, int text, int stats, int headerText,
        int edge, int label, int labelMeasured, int selection, int found, int frame, int overviewEdge, int message,
        int panel, int panelText, int list, int problem, int gridSurround, int gutter, int markDead,
        int markConstant, int markHover, int markPicked, double tintMix) {

    /** The light variant: the colours Convscope always had, text darkened where it read below 4.5:1. */
    public static final Palette LIGHT = new Palette(false, 0xFFFFFF, 0xFFFFFF, 0x9A9A9A, 0x202020, 0x1F5F9F,
            0xFFFFFF, 0x707070, 0x606060, 0x0B7A34, 0xE07000, 0xFFE45C, 0x5F6F86, 0xC8C8C8, 0x595959, 0xF0F0F0,
            0x202020, 0xFFFFFF, 0x8B0000, 0xE8E8E8, 0x2B2B2B, 0xFF0000, 0xFFFF00, 0xFFFFFF, 0x00FFFF, 1);

    /** The dark variant, in step with the dark CSS theme's panel and table colours. */
    public static final Palette DARK = new Palette(true, 0x1E1F22, 0x2B2D30, 0x5E6168, 0xDFE1E5, 0xA8CCF5,
            0xFFFFFF, 0x8C9096, 0xA9ADB3, 0x6CCB8A, 0xFF9A3C, 0x6B5D12, 0x8393AB, 0x4E5157, 0xB4B8BF, 0x2B2D30,
            0xDFE1E5, 0x1E1F22, 0xFF8A80, 0x161719, 0x111214, 0xFF4040, 0xFFE14D, 0xFFFFFF, 0x00E5FF, 0.25);

    /** @param dark the dark variant? @return that variant */
    public static Palette of(boolean dark) {
        return dark ? DARK : LIGHT;
    }

    /**
     * The header colours follow Netron's palette, in both variants, so people who know Netron read the
     * categories at once; white text reads on each at 4.5:1 or more.
     *
     * @param category a layer category
     * @return the colour of its header band
     */
    public int header(LayerCategory category) {
        return switch (category) {
            case LAYER -> 0x335588;
            case ACTIVATION -> 0x702921;
            case POOL -> 0x335533;
            case NORMALIZATION -> 0x335544;
            case DROPOUT -> 0x454770;
            case SHAPE -> 0x6C4F47;
            case MERGE -> 0x59423B;
            case INPUT -> 0x505050;
            case MODEL -> 0x2E6B78;
            case UNKNOWN -> 0x6E6E6E;
        };
    }

    /** @return the colour of the fused activation strip (Netron's activation red) */
    public int activation() {
        return header(LayerCategory.ACTIVATION);
    }

    /**
     * A comparison's tint (a status or divergence colour, chosen on white) as a box body or table
     * cell of this variant: unchanged in the light one, blended into the dark body in the dark one.
     *
     * @param rgb a tint
     * @return the fill to paint
     */
    public int tint(int rgb) {
        if (tintMix >= 1) {
            return rgb & 0xFFFFFF;
        }
        int r = mix(rgb >> 16 & 0xFF, body >> 16 & 0xFF);
        int g = mix(rgb >> 8 & 0xFF, body >> 8 & 0xFF);
        int b = mix(rgb & 0xFF, body & 0xFF);
        return r << 16 | g << 8 | b;
    }

    private int mix(int tint, int base) {
        return (int) Math.round(tint * tintMix + base * (1 - tintMix));
    }

    /** @return {@link #gutter()} as the opaque ARGB a grid renderer takes */
    public int gutterArgb() {
        return 0xFF000000 | gutter;
    }

    /**
     * A text colour drawn on a fill.
     *
     * @param what where it is drawn, for a person reading a test's failure
     * @param text the text's colour
     * @param fill the colour behind it
     */
    public record TextOnFill(String what, int text, int fill) {
    }

    /**
     * @param tints the comparison tints a box or cell can take (statuses and the divergence scale)
     * @return every pair of text and fill this variant paints, for the contrast check
     */
    public List<TextOnFill> textPairs(List<Integer> tints) {
        List<TextOnFill> out = new ArrayList<>();
        out.add(new TextOnFill("attribute text on a box", text, body));
        out.add(new TextOnFill("statistics on a box", stats, body));
        out.add(new TextOnFill("inferred edge label", label, background));
        out.add(new TextOnFill("measured edge label", labelMeasured, background));
        out.add(new TextOnFill("group frame title", frame, background));
        out.add(new TextOnFill("empty graph message", message, background));
        out.add(new TextOnFill("legend text", panelText, panel));
        out.add(new TextOnFill("problem row in a table", problem, list));
        for (LayerCategory c : LayerCategory.values()) {
            out.add(new TextOnFill("header text on " + c, headerText, header(c)));
        }
        for (int t : tints) {
            out.add(new TextOnFill(String.format("attribute text on tint %06x", t), text, tint(t)));
        }
        return out;
    }
}
