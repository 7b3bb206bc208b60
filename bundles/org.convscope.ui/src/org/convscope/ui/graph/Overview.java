package org.convscope.ui.graph;

/**
 * Where the mini-map sits on the graph canvas and how it maps to the graph: the drawing scaled
 * into a corner, with the window's part of it outlined. A tall graph gets a column along the right
 * edge, a wide one a strip along the bottom. The column is never narrower than
 * {@link #READABLE_SIDE} (when the window allows): scaled to fit the window's height, ResNet50's
 * column was a few pixels wide, too thin to see blocks in or to grab. When the drawing at that
 * scale is longer than the window, the mini-map shows the part of it around the window's part and
 * scrolls with it, as an editor's minimap does: where the window is along the graph, the part
 * shown is as far along. Needs no display.
 *
 * @param x     left, in control pixels
 * @param y     top, in control pixels
 * @param w     width, in control pixels
 * @param h     height, in control pixels
 * @param scale control pixels of the mini-map per graph pixel
 * @param offX  the graph x at the mini-map's left edge
 * @param offY  the graph y at the mini-map's top edge
 */
public record Overview(int x, int y, int w, int h, double scale, double offX, double offY) {

    /** Space between the mini-map and the window's edges. */
    public static final int MARGIN = 10;
    /** The narrow side of a mini-map when the window has room for it. */
    public static final int READABLE_SIDE = 72;
    private static final int MAX_SIDE = 200;
    private static final int MIN_SIDE = 24;
    /** The longest thumbnail drawn, in pixels; beyond it the scale gives way. */
    public static final int MAX_IMAGE_SIDE = 8192;

    /**
     * The mini-map for a window at the drawing's top left (tests).
     *
     * @see #place(double, double, double, int, int, double, double)
     */
    public static Overview place(double graphW, double graphH, double zoom, int areaW, int areaH) {
        return place(graphW, graphH, zoom, areaW, areaH, 0, 0);
    }

    /**
     * @param graphW  the drawing's width, in graph pixels
     * @param graphH  the drawing's height, in graph pixels
     * @param zoom    the canvas zoom
     * @param areaW   the window's width
     * @param areaH   the window's height
     * @param originX the zoomed drawing's pixel at the window's left edge
     * @param originY the zoomed drawing's pixel at the window's top edge
     * @return the mini-map, or null when the window shows the whole drawing or is too small for one
     */
    public static Overview place(double graphW, double graphH, double zoom, int areaW, int areaH, double originX,
            double originY) {
        if (graphW <= 0 || graphH <= 0 || graphW * zoom <= areaW && graphH * zoom <= areaH) {
            return null;
        }
        boolean tall = graphH >= graphW;
        double maxW = tall ? Math.min(MAX_SIDE, areaW / 4.0) : areaW / 2.0 - MARGIN;
        double maxH = tall ? areaH - 2.0 * MARGIN : Math.min(MAX_SIDE * 3 / 4.0, areaH / 4.0);
        double fit = Math.min(maxW / graphW, maxH / graphH);
        double readable = tall ? Math.min(maxW, READABLE_SIDE) / graphW : Math.min(maxH, READABLE_SIDE) / graphH;
        double scale = Math.max(fit, readable);
        scale = Math.min(scale, MAX_IMAGE_SIDE / Math.max(graphW, graphH));
        int w = (int) Math.ceil(Math.min(graphW * scale, maxW));
        int h = (int) Math.ceil(Math.min(graphH * scale, maxH));
        if (Math.max(w, h) < MIN_SIDE || maxW < MIN_SIDE / 2.0 || maxH < MIN_SIDE / 2.0) {
            return null;
        }
        double offX = along(originX / zoom, graphW, areaW / zoom, w / scale);
        double offY = along(originY / zoom, graphH, areaH / zoom, h / scale);
        return new Overview(areaW - w - MARGIN, areaH - h - MARGIN, w, h, scale, offX, offY);
    }

    /**
     * @param viewStart where the window starts along the drawing, in graph pixels
     * @param length    the drawing's length
     * @param view      the window's length, in graph pixels
     * @param shown     the mini-map's length, in graph pixels
     * @return where the part the mini-map shows starts: as far along the drawing's spare length as
     *         the window is along its own
     */
    private static double along(double viewStart, double length, double view, double shown) {
        if (shown >= length) {
            return 0;
        }
        double f = view >= length ? 0 : Math.max(0, Math.min(1, viewStart / (length - view)));
        return f * (length - shown);
    }

    /** @param px x on the control @param py y on the control @return whether the mini-map is there */
    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < x + w && py < y + h;
    }

    /**
     * @param originX the canvas origin: the zoomed drawing's pixel at the window's left edge
     * @param originY the canvas origin: the zoomed drawing's pixel at the window's top edge
     * @param zoom    the canvas zoom
     * @param areaW   the window's width
     * @param areaH   the window's height
     * @return the window's part of the drawing on the mini-map: x, y, width, height in control pixels
     */
    public double[] viewport(double originX, double originY, double zoom, int areaW, int areaH) {
        return new double[] { x + (originX / zoom - offX) * scale, y + (originY / zoom - offY) * scale,
                areaW / zoom * scale, areaH / zoom * scale };
    }

    /** @param px x on the control @param py y on the control @return the graph point shown there */
    public double[] toGraph(int px, int py) {
        return new double[] { (px - x) / scale + offX, (py - y) / scale + offY };
    }
}
