package org.convscope.core.summary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.convscope.core.model.InboundRef;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.Node;
import org.convscope.core.model.TensorShape;
import org.convscope.core.text.MessageBundles;

/**
 * The table Keras 3's {@code model.summary()} prints, drawn with the same box characters and
 * column proportions: Layer (type), Output Shape, Param #, and Connected to for models that are
 * not a simple chain; then Total / Trainable / Non-trainable params with their float32 size.
 * Long cells wrap as Keras's table does. Unknown shapes print as {@code ?}, unknown counts as
 * {@code ?}.
 */
public final class SummaryText {

    /** Column widths (padding included) Keras uses at its default 80-column width. */
    private static final int[] CHAIN_WIDTHS = { 33, 24, 15 };
    private static final int[] GRAPH_WIDTHS = { 21, 19, 12, 19 };

    private SummaryText() {
    }

    /**
     * @param g            a model
     * @param expandNested list the layers of nested models under their row, as Keras's
     *                     {@code expand_nested=True}
     * @return the summary, lines ending in {@code \n}
     */
    public static String of(ModelGraph g, boolean expandNested) {
        boolean chain = isChain(g);
        int[] widths = chain ? CHAIN_WIDTHS : GRAPH_WIDTHS;
        StringBuilder sb = new StringBuilder();
        sb.append(MessageBundles.bind(Messages.modelTitle, g.name())).append('\n');
        line(sb, widths, '┏', '━', '┳', '┓');
        List<String> header = new ArrayList<>(
                List.of(Messages.columnLayer, Messages.columnOutputShape, Messages.columnParams));
        if (!chain) {
            header.add(Messages.columnConnectedTo);
        }
        row(sb, widths, header, '┃');
        line(sb, widths, '┡', '━', '╇', '┩');
        List<List<String>> rows = new ArrayList<>();
        collect(g, chain, expandNested, 0, rows);
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                line(sb, widths, '├', '─', '┼', '┤');
            }
            row(sb, widths, rows.get(i), '│');
        }
        line(sb, widths, '└', '─', '┴', '┘');
        String total = g.paramsKnown() ? Messages.totalParams : Messages.totalParamsPartlyKnown;
        // Keras indents these lines by one space
        sb.append(' ').append(MessageBundles.bind(total, count(g.totalParams()))).append('\n');
        sb.append(' ').append(MessageBundles.bind(Messages.trainableParams, count(g.trainableParams()))).append('\n');
        sb.append(' ').append(MessageBundles.bind(Messages.nonTrainableParams, count(g.nonTrainableParams())))
                .append('\n');
        return sb.toString();
    }

    private static void collect(ModelGraph g, boolean chain, boolean expand, int level, List<List<String>> rows) {
        // Keras marks nested rows with three spaces per level and a corner.
        String indent = level == 0 ? "" : "   ".repeat(level) + "└ ";
        for (SummaryRows.Row r : SummaryRows.of(g)) {
            Layer l = r.layer();
            List<String> cells = new ArrayList<>();
            cells.add(indent + l.name() + " (" + l.kerasClass() + ")");
            cells.add(shapes(SummaryRows.lastOutputShapes(l)));
            cells.add(l.params() < 0 ? "?" : String.format(Locale.ROOT, "%,d", l.params()));
            if (!chain) {
                cells.add(r.connections().isEmpty() ? "-" : String.join(", ", r.connections()));
            }
            rows.add(cells);
            if (expand && l.model().isPresent()) {
                collect(l.model().get(), chain, expand, level + 1, rows);
            }
        }
    }

    /**
     * Keras prints "Connected to" only for models that are not a single chain of layers, each
     * called once on the one output of the layer before.
     */
    static boolean isChain(ModelGraph g) {
        if (g.kind() == ModelGraph.Kind.SEQUENTIAL) {
            return true;
        }
        if (g.inputs().size() > 1) {
            return false;
        }
        Set<InboundRef> read = new HashSet<>();
        for (Layer l : g.layers()) {
            if (l.nodes().size() > 1) {
                return false;
            }
            for (Node n : l.nodes()) {
                if (n.inbound().size() > 1) {
                    return false;
                }
                for (InboundRef r : n.inbound()) {
                    if (!read.add(r)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static String shapes(List<TensorShape> shapes) {
        if (shapes.size() == 1) {
            return shapes.get(0).toString();
        }
        List<String> parts = new ArrayList<>();
        for (TensorShape s : shapes) {
            parts.add(s.toString());
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** @return {@code 1,234 (4.82 KB)}: the count and its float32 size, as Keras prints them */
    static String count(long params) {
        double size = params * 4.0;
        String[] units = { "B", "KB", "MB", "GB", "TB", "PB" };
        int u = 0;
        while (u < units.length - 1 && size / 1024 >= 1) {
            size /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%,d (%.2f %s)", params, size, units[u]);
    }

    private static void line(StringBuilder sb, int[] widths, char left, char fill, char cross, char right) {
        sb.append(left);
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                sb.append(cross);
            }
            sb.append(String.valueOf(fill).repeat(widths[i]));
        }
        sb.append(right).append('\n');
    }

    private static void row(StringBuilder sb, int[] widths, List<String> cells, char bar) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < cells.size(); i++) {
            List<String> lines = wrap(cells.get(i), widths[i] - 2);
            wrapped.add(lines);
            height = Math.max(height, lines.size());
        }
        for (int h = 0; h < height; h++) {
            sb.append(bar);
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    sb.append(bar);
                }
                String text = h < wrapped.get(i).size() ? wrapped.get(i).get(h) : "";
                int pad = widths[i] - 2 - text.length();
                // Param # is right-aligned, as in Keras.
                if (i == 2) {
                    sb.append(' ').append(" ".repeat(pad)).append(text).append(' ');
                } else {
                    sb.append(' ').append(text).append(" ".repeat(pad)).append(' ');
                }
            }
            sb.append(bar).append('\n');
        }
    }

    /** Breaks text into lines of at most {@code width}, at spaces where it can. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                lines.add(rest.substring(0, width));
                rest = rest.substring(width);
            } else {
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut + 1);
            }
        }
        lines.add(rest);
        return lines;
    }
}
