package org.convscope.ui.graph;

import org.convscope.core.model.LayerCategory;

/**
 * The colours of the graph as 0xRRGGBB values, shared by the painter and the SVG export. The
 * header colours follow Netron's palette so people who know Netron read the categories at once.
 */
public final class GraphStyle {

    /** Text on a header band. */
    public static final int HEADER_TEXT = 0xFFFFFF;
    /** Body of a box. */
    public static final int BODY = 0xFFFFFF;
    /** Outline of a box. */
    public static final int OUTLINE = 0x9A9A9A;
    /** Attribute text. */
    public static final int TEXT = 0x202020;
    /** Statistics text. */
    public static final int STATS = 0x1F5F9F;
    /** Edges and arrows. */
    public static final int EDGE = 0x707070;
    /** An edge label with an inferred shape. */
    public static final int LABEL = 0x606060;
    /** An edge label with the real shape of a run. */
    public static final int LABEL_MEASURED = 0x0B7A34;
    /** The outline of selected boxes. */
    public static final int SELECTION = 0xE07000;
    /** The fill behind boxes that match a search. */
    public static final int FOUND = 0xFFE45C;
    /** The frame of an expanded nested model. */
    public static final int FRAME = 0x8896AA;
    /** Edges on the mini-map. */
    public static final int OVERVIEW_EDGE = 0xC8C8C8;
    /** The background. */
    public static final int BACKGROUND = 0xFFFFFF;

    private GraphStyle() {
    }

    /** @param category a layer category @return the colour of its header band */
    public static int header(LayerCategory category) {
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
            case UNKNOWN -> 0x8A8A8A;
        };
    }

    /** @return the colour of the fused activation strip (Netron's activation red) */
    public static int activation() {
        return header(LayerCategory.ACTIVATION);
    }

    /** @param rgb a colour @return it as {@code #rrggbb} */
    public static String hex(int rgb) {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }
}
