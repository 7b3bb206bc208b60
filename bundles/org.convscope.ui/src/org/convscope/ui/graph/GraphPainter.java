package org.convscope.ui.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.convscope.ui.graph.GraphModel.GraphNode;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.graph.LaidOutGraph.Frame;
import org.convscope.ui.graph.LaidOutGraph.Label;
import org.convscope.ui.graph.LaidOutGraph.Path;
import org.convscope.ui.theme.Palette;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Device;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;

/**
 * Paints a {@link LaidOutGraph} on a GC in graph pixels; the caller sets the zoom and scroll as the
 * GC's transform, in the colours of a {@link Palette}. Owns its colours and fonts: {@link #dispose()}
 * frees them.
 */
public final class GraphPainter {

    /** Text smaller than this on the screen, in pixels, is not drawn. */
    private static final double MIN_TEXT_PX = 4;

    private final Device device;
    private final Map<Integer, Color> colors = new HashMap<>();
    private final Font plain;
    private final Font bold;
    private Map<String, Integer> tints = Map.of();
    private int lastPainted;
    /** The text height at zoom 1, asked for every frame, so measured once. */
    private final double textPixels;
    private Palette palette = UiTheme.palette();

    /** @param device the display or printer painted on */
    public GraphPainter(Device device) {
        this.device = device;
        FontData[] data = device.getSystemFont().getFontData();
        for (FontData d : data) {
            d.setHeight(9);
        }
        plain = new Font(device, data);
        for (FontData d : data) {
            d.setStyle(SWT.BOLD);
        }
        bold = new Font(device, data);
        textPixels = plain.getFontData()[0].getHeight() * device.getDPI().y / 72.0;
    }

    /** @param p the colours to paint with from now on (the canvas follows the theme with it) */
    public void setPalette(Palette p) {
        palette = p;
    }

    /** @return the colours it paints with */
    public Palette palette() {
        return palette;
    }

    /**
     * @param byId a body colour (RGB) per box id, for a comparison's statuses or divergences;
     *             boxes not in it keep the plain body
     */
    public void setTints(Map<String, Integer> byId) {
        tints = Map.copyOf(byId);
    }

    /**
     * Measures the fonts once, in the UI thread, so layout can size boxes in a background job.
     *
     * @param gc a GC of the device
     * @return the measure
     */
    public TextMeasure measure(GC gc) {
        int[] p = new int[0x2300];
        int[] b = new int[p.length];
        gc.setFont(plain);
        for (char c = 0x20; c < 0x250; c++) {
            p[c] = gc.getAdvanceWidth(c);
        }
        p['×'] = gc.getAdvanceWidth('×');
        p['μ'] = gc.getAdvanceWidth('μ');
        p['·'] = gc.getAdvanceWidth('·');
        p['…'] = gc.getAdvanceWidth('…');
        p['−'] = gc.getAdvanceWidth('−');
        int height = gc.getFontMetrics().getHeight();
        gc.setFont(bold);
        for (char c = 0x20; c < 0x250; c++) {
            b[c] = gc.getAdvanceWidth(c);
        }
        for (char c : new char[] { '×', 'μ', '·', '…', '−' }) {
            b[c] = gc.getAdvanceWidth(c);
        }
        return TextMeasure.ofAdvances(p, b, Math.max(height, gc.getFontMetrics().getHeight()) + 1);
    }

    /**
     * @param gc        the GC, transformed to graph pixels
     * @param graph     the graph
     * @param visible   the part of the graph to paint: x, y, width, height in graph pixels
     * @param selected  ids of selected boxes
     * @param found     ids of boxes matching the search
     */
    public void paint(GC gc, LaidOutGraph graph, double[] visible, Set<String> selected, Set<String> found) {
        paint(gc, graph, visible, selected, found, 1);
    }

    /**
     * Paints what reaches into {@code visible} and nothing else. Text too small to read at the zoom
     * is left out, and the boxes drawn without smoothing, so a graph zoomed far out paints fast.
     *
     * @param gc       the GC, transformed to graph pixels
     * @param graph    the graph
     * @param visible  the part of the graph to paint: x, y, width, height in graph pixels
     * @param selected ids of selected boxes
     * @param found    ids of boxes matching the search
     * @param zoom     screen pixels per graph pixel
     */
    public void paint(GC gc, LaidOutGraph graph, double[] visible, Set<String> selected, Set<String> found,
            double zoom) {
        boolean text = textPixels() * zoom >= MIN_TEXT_PX;
        gc.setAntialias(text ? SWT.ON : SWT.OFF);
        gc.setTextAntialias(SWT.ON);
        gc.setBackground(color(palette.background()));
        gc.fillRectangle((int) visible[0] - 1, (int) visible[1] - 1, (int) visible[2] + 2, (int) visible[3] + 2);
        NodeGeometry geo = graph.geometry();
        gc.setLineStyle(SWT.LINE_DASH);
        for (Frame f : graph.frames()) {
            if (!intersects(new double[] { f.x(), f.y(), f.w(), f.h() }, visible)) {
                continue;
            }
            gc.setForeground(color(palette.frame()));
            gc.drawRoundRectangle(i(f.x()), i(f.y()), i(f.w()), i(f.h()), 10, 10);
            if (text) {
                gc.setFont(bold);
                gc.drawText(GraphLayout.frameTitle(f.group()),
                        i(f.x() + NodeGeometry.TOGGLE + 2 * NodeGeometry.PAD), i(f.y() + 3), true);
            }
            toggle(gc, f.x() + 4, f.y() + 4, false, palette.frame());
            gc.setLineStyle(SWT.LINE_DASH);
        }
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setFont(plain);
        for (Path p : graph.pathsIn(visible)) {
            edge(gc, p, text);
        }
        int painted = 0;
        for (Box b : graph.boxesIn(visible)) {
            box(gc, b, geo, selected.contains(b.node().id()), found.contains(b.node().id()), text);
            painted++;
        }
        lastPainted = painted;
    }

    /** @return how many boxes the last {@link #paint} drew (tests see that it culls) */
    public int lastPainted() {
        return lastPainted;
    }

    private void edge(GC gc, Path p, boolean text) {
        double[] pts = p.points();
        if (pts.length < 4) {
            return;
        }
        int[] ints = new int[pts.length];
        for (int k = 0; k < pts.length; k++) {
            ints[k] = i(pts[k]);
        }
        gc.setForeground(color(palette.edge()));
        gc.setBackground(color(palette.edge()));
        gc.drawPolyline(ints);
        arrow(gc, pts[pts.length - 4], pts[pts.length - 3], pts[pts.length - 2], pts[pts.length - 1]);
        Label l = p.label();
        if (l != null && text) {
            gc.setForeground(color(p.edge().measured() ? palette.labelMeasured() : palette.label()));
            gc.drawText(l.text(), i(l.x() + 2), i(l.y()), true);
        }
    }

    private static void arrow(GC gc, double x0, double y0, double x1, double y1) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        if (len == 0) {
            return;
        }
        double ux = (x1 - x0) / len;
        double uy = (y1 - y0) / len;
        double size = 7;
        gc.fillPolygon(new int[] { i(x1), i(y1), i(x1 - ux * size - uy * size / 2), i(y1 - uy * size + ux * size / 2),
                i(x1 - ux * size + uy * size / 2), i(y1 - uy * size - ux * size / 2) });
    }

    private void box(GC gc, Box b, NodeGeometry geo, boolean selected, boolean found, boolean text) {
        GraphNode n = b.node();
        int x = i(b.x());
        int y = i(b.y());
        int w = i(b.w());
        int h = i(b.h());
        if (found) {
            gc.setBackground(color(palette.found()));
            gc.fillRoundRectangle(x - 5, y - 5, w + 10, h + 10, 14, 14);
        }
        Integer tint = tints.get(n.id());
        gc.setBackground(color(tint == null ? palette.body() : palette.tint(tint)));
        gc.fillRoundRectangle(x, y, w, h, 8, 8);
        gc.setBackground(color(palette.header(n.category())));
        int header = geo.headerHeight();
        gc.fillRoundRectangle(x, y, w, header, 8, 8);
        if (h > header) {
            // square off the header's lower corners where the body continues
            gc.fillRectangle(x, y + header - 4, w, 4);
        }
        if (!text) {
            outline(gc, x, y, w, h, selected);
            return;
        }
        gc.setFont(bold);
        gc.setForeground(color(palette.headerText()));
        gc.drawText(n.title(), x + NodeGeometry.PAD, y + NodeGeometry.PAD / 2, true);
        if (n.expandable()) {
            toggle(gc, b.x() + b.w() - NodeGeometry.TOGGLE - 4, b.y() + 4, true, palette.headerText());
        }
        gc.setFont(plain);
        int ty = y + header + NodeGeometry.PAD / 2;
        gc.setForeground(color(palette.text()));
        for (String line : n.attributes()) {
            gc.drawText(line, x + NodeGeometry.PAD, ty, true);
            ty += geo.lineHeight();
        }
        if (n.stats() != null) {
            gc.setForeground(color(palette.stats()));
            gc.drawText(n.stats(), x + NodeGeometry.PAD, ty, true);
        }
        if (n.activation() != null) {
            int ah = geo.activationHeight(n);
            gc.setBackground(color(palette.activation()));
            gc.fillRoundRectangle(x, y + h - ah, w, ah, 8, 8);
            gc.fillRectangle(x, y + h - ah, w, 4);
            gc.setFont(bold);
            gc.setForeground(color(palette.headerText()));
            gc.drawText(n.activation(), x + NodeGeometry.PAD, y + h - ah + 1, true);
        }
        outline(gc, x, y, w, h, selected);
    }

    private void outline(GC gc, int x, int y, int w, int h, boolean selected) {
        gc.setForeground(color(selected ? palette.selection() : palette.outline()));
        gc.setLineWidth(selected ? 3 : 1);
        gc.drawRoundRectangle(x, y, w, h, 8, 8);
        gc.setLineWidth(1);
    }

    private void toggle(GC gc, double x, double y, boolean plus, int rgb) {
        int s = NodeGeometry.TOGGLE;
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setForeground(color(rgb));
        gc.drawRectangle(i(x), i(y), s, s);
        gc.drawLine(i(x) + 3, i(y) + s / 2, i(x) + s - 3, i(y) + s / 2);
        if (plus) {
            gc.drawLine(i(x) + s / 2, i(y) + 3, i(x) + s / 2, i(y) + s - 3);
        }
    }

    /** @param rgb a colour @return it as an SWT colour, owned by this painter */
    Color color(int rgb) {
        return colors.computeIfAbsent(rgb, k -> new Color(device, (k >> 16) & 0xFF, (k >> 8) & 0xFF, k & 0xFF));
    }

    private static boolean intersects(double[] a, double[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }

    private static int i(double v) {
        return (int) Math.round(v);
    }

    /** @return the height of the boxes' text at zoom 1, in pixels of the device */
    public double textPixels() {
        return textPixels;
    }

    /** @return the colour of a selection, for the mini-map's viewport too */
    public Color selectionColor() {
        return color(palette.selection());
    }

    /**
     * Draws the whole graph small, for the mini-map: frames, edges, and boxes in their header
     * colour, no text.
     *
     * @param graph the graph
     * @param w     the image width
     * @param h     the image height
     * @param scale image pixels per graph pixel
     * @return a new image, which the caller disposes
     */
    public Image thumbnail(LaidOutGraph graph, int w, int h, double scale) {
        Image image = new Image(device, Math.max(1, w), Math.max(1, h));
        GC gc = new GC(image);
        try {
            gc.setBackground(color(palette.background()));
            gc.fillRectangle(0, 0, w, h);
            gc.setForeground(color(palette.frame()));
            for (Frame f : graph.frames()) {
                gc.drawRectangle(i(f.x() * scale), i(f.y() * scale), i(f.w() * scale), i(f.h() * scale));
            }
            gc.setForeground(color(palette.overviewEdge()));
            for (Path p : graph.paths()) {
                double[] pts = p.points();
                int[] ints = new int[pts.length];
                for (int k = 0; k < pts.length; k++) {
                    ints[k] = i(pts[k] * scale);
                }
                gc.drawPolyline(ints);
            }
            for (Box b : graph.boxes()) {
                gc.setBackground(color(palette.header(b.node().category())));
                gc.fillRectangle(i(b.x() * scale), i(b.y() * scale), Math.max(1, i(b.w() * scale)),
                        Math.max(1, i(b.h() * scale)));
            }
        } finally {
            gc.dispose();
        }
        return image;
    }

    /** Frees the colours and fonts. */
    public void dispose() {
        colors.values().forEach(Color::dispose);
        colors.clear();
        plain.dispose();
        bold.dispose();
    }
}
