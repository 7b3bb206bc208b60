package org.convscope.ui.graph;

import java.util.Locale;

import org.convscope.ui.graph.GraphModel.GraphNode;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.graph.LaidOutGraph.Frame;
import org.convscope.ui.graph.LaidOutGraph.Label;
import org.convscope.ui.graph.LaidOutGraph.Path;
import org.convscope.ui.theme.Palette;
import org.convscope.ui.theme.UiTheme;

/**
 * Writes a laid out graph as a standalone SVG document with the same boxes, colours and labels
 * the view paints, in the active theme's palette. Plain text building: the graph is simple enough that a DOM would only add a
 * dependency. Needs no display.
 */
public final class SvgExport {

    private static final String FONT = "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\"";

    private SvgExport() {
    }

    /** @param graph the graph @return the SVG document */
    public static String toSvg(LaidOutGraph graph) {
        Palette pal = UiTheme.palette();
        NodeGeometry geo = graph.geometry();
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" %s>\n",
                graph.width(), graph.height(), graph.width(), graph.height(), FONT));
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"8\" ")
                .append("markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"")
                .append(hex(pal.edge())).append("\"/></marker></defs>\n");
        sb.append(String.format(Locale.ROOT, "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n",
                hex(pal.background())));
        for (Frame f : graph.frames()) {
            sb.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"5,3\"/>\n",
                    f.x(), f.y(), f.w(), f.h(), hex(pal.frame())));
            text(sb, f.x() + NodeGeometry.TOGGLE + 2 * NodeGeometry.PAD, f.y() + geo.lineHeight(), pal.frame(),
                    true,
                    GraphLayout.frameTitle(f.group()));
        }
        for (Path p : graph.paths()) {
            double[] pts = p.points();
            if (pts.length < 4) {
                continue;
            }
            sb.append("<polyline fill=\"none\" stroke=\"").append(hex(pal.edge()))
                    .append("\" marker-end=\"url(#arrow)\" points=\"");
            for (int i = 0; i < pts.length; i += 2) {
                sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", pts[i], pts[i + 1]));
            }
            sb.append("\"/>\n");
            Label l = p.label();
            if (l != null) {
                text(sb, l.x() + 2, l.y() + l.h() - 3,
                        p.edge().measured() ? pal.labelMeasured() : pal.label(),
                        false, l.text());
            }
        }
        for (Box b : graph.boxes()) {
            box(sb, b, geo, pal);
        }
        return sb.append("</svg>\n").toString();
    }

    private static void box(StringBuilder sb, Box b, NodeGeometry geo, Palette pal) {
        GraphNode n = b.node();
        sb.append("<g><title>").append(escape(n.layer().name())).append("</title>\n");
        sb.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"4\" fill=\"%s\" stroke=\"%s\"/>\n",
                b.x(), b.y(), b.w(), b.h(), hex(pal.body()), hex(pal.outline())));
        sb.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"4\" fill=\"%s\"/>\n",
                b.x(), b.y(), b.w(), geo.headerHeight(), hex(pal.header(n.category()))));
        double baseline = b.y() + geo.headerHeight() - NodeGeometry.PAD / 2.0 - 2;
        text(sb, b.x() + NodeGeometry.PAD, baseline, pal.headerText(), true, n.title());
        if (n.expandable()) {
            text(sb, b.x() + b.w() - NodeGeometry.TOGGLE - 2, baseline, pal.headerText(), true, "+");
        }
        double y = b.y() + geo.headerHeight() + NodeGeometry.PAD / 2.0;
        for (String line : n.attributes()) {
            y += geo.lineHeight();
            text(sb, b.x() + NodeGeometry.PAD, y - 3, pal.text(), false, line);
        }
        if (n.stats() != null) {
            y += geo.lineHeight();
            text(sb, b.x() + NodeGeometry.PAD, y - 3, pal.stats(), false, n.stats());
        }
        if (n.activation() != null) {
            double top = b.y() + b.h() - geo.activationHeight(n);
            sb.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"4\" fill=\"%s\"/>\n",
                    b.x(), top, b.w(), geo.activationHeight(n), hex(pal.activation())));
            text(sb, b.x() + NodeGeometry.PAD, b.y() + b.h() - 4, pal.headerText(), true, n.activation());
        }
        sb.append("</g>\n");
    }

    private static void text(StringBuilder sb, double x, double y, int rgb, boolean bold, String text) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\"%s>", x, y, hex(rgb),
                bold ? " font-weight=\"bold\"" : "")).append(escape(text)).append("</text>\n");
    }

    /** @param s text @return it safe inside XML text and attributes */
    /** @param rgb a colour @return it as {@code #rrggbb} */
    static String hex(int rgb) {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
