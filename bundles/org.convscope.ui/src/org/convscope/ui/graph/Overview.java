package org.convscope.ui.graph;

/**
 * Where the mini-map sits on the graph canvas and how it maps to the graph: the whole drawing
 * scaled into a corner, with the window's part of it outlined. A tall graph gets a column along the
 * right edge, a wide one a strip along the bottom. Needs no display.
 *
 * @param x     left, in control pixels
 * @param y     top, in control pixels
 * @param w     width, in control pixels
 * @param h     height, in control pixels
 * @param scale control pixels of the mini-map per graph pixel
 */
public record Overview(int x, int y, int w, int h, double scale) {

    /** Space between the mini-map and the window's edges. */
    public static final int MARGIN = 10;
    private static final int MAX_SIDE = 200;
    private static final int MIN_SIDE = 24;

    /**
     * @param graphW the drawing's width, in graph pixels
     * @param graphH the drawing's height, in graph pixels
     * @param zoom   the canvas zoom
     * @param areaW  the window's width
     * @param areaH  the window's height
     * @return the mini-map, or null when the window shows the whole drawing or is too small for one
     */
    public static Overview place(double graphW, double graphH, double zoom, int areaW, int areaH) {
        if (graphW <= 0 || graphH <= 0 || graphW * zoom <= areaW && graphH * zoom <= areaH) {
            return null;
        }
        boolean tall = graphH >= graphW;
        double maxW = tall ? Math.min(MAX_SIDE, areaW / 4.0) : areaW / 2.0 - MARGIN;
        double maxH = tall ? areaH - 2.0 * MARGIN : Math.min(MAX_SIDE * 3 / 4.0, areaH / 4.0);
        double scale = Math.min(maxW / graphW, maxH / graphH);
        int w = (int) Math.ceil(graphW * scale);
        int h = (int) Math.ceil(graphH * scale);
        if (Math.max(w, h) < MIN_SIDE || maxW < MIN_SIDE / 2.0 || maxH < MIN_SIDE / 2.0) {
            return null;
        }
        return new Overview(areaW - w - MARGIN, areaH - h - MARGIN, w, h, scale);
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
        return new double[] { x + originX / zoom * scale, y + originY / zoom * scale, areaW / zoom * scale,
                areaH / zoom * scale };
    }

    /** @param px x on the control @param py y on the control @return the graph point shown there */
    public double[] toGraph(int px, int py) {
        return new double[] { (px - x) / scale, (py - y) / scale };
    }
}
