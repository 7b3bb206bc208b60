package org.convscope.ui.diff;

import org.convscope.ui.grid.GridModel;
import org.convscope.ui.theme.Palette;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * The key to the graphs' colours: the three structural statuses before a run; after one, the
 * divergence scale shared by both graphs, from 0 to the largest relative difference, and the colour
 * of layers only one model has.
 */
final class DiffLegend {

    /** The legend's size in pixels. */
    static final int WIDTH = 440;
    static final int HEIGHT = 22;

    private final Canvas canvas;
    private double max = -1;

    DiffLegend(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addListener(SWT.Paint, this::paint);
    }

    Canvas control() {
        return canvas;
    }

    /** Shows the statuses, or the scale of {@code m}'s run. */
    void show(DiffModel m) {
        max = m.run().flatMap(r -> r.activations()).isPresent() ? m.maxRel() : -1;
        canvas.redraw();
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Palette palette = UiTheme.palette();
        // the light theme is the system's own look: the legend sits on the window's colour
        gc.setBackground(palette.dark() ? UiTheme.color(palette.panel()) : canvas.getParent().getBackground());
        gc.fillRectangle(canvas.getClientArea());
        int x = 0;
        if (max < 0) {
            x = swatch(gc, x, DiffModel.SAME, Messages.legendSame);
            x = swatch(gc, x, DiffModel.CHANGED, Messages.legendChanged);
        } else {
            x = text(gc, x, Messages.legendRel + " 0");
            int w = 140;
            for (int i = 0; i < w; i++) {
                double rel = max * Math.pow((double) i / (w - 1), 2);
                fill(gc, DiffModel.scale(rel, max), x + i, 4, 1, HEIGHT - 8);
            }
            outline(gc, x, w);
            x += w + 4;
            x = text(gc, x, GridModel.format(max)) + 8;
        }
        swatch(gc, x, DiffModel.ONLY, Messages.legendOnly);
    }

    private int swatch(GC gc, int x, int rgb, String label) {
        fill(gc, rgb, x, 4, 18, HEIGHT - 8);
        outline(gc, x, 18);
        return text(gc, x + 22, label) + 10;
    }

    private void outline(GC gc, int x, int w) {
        gc.setForeground(UiTheme.color(UiTheme.palette().outline()));
        gc.drawRectangle(x, 4, w - 1, HEIGHT - 9);
    }

    private static void fill(GC gc, int rgb, int x, int y, int w, int h) {
        gc.setBackground(UiTheme.color(UiTheme.palette().tint(rgb)));
        gc.fillRectangle(x, y, w, h);
    }

    private int text(GC gc, int x, String s) {
        Palette palette = UiTheme.palette();
        gc.setForeground(palette.dark()
                ? UiTheme.color(palette.panelText())
                : canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        Point size = gc.textExtent(s);
        gc.drawText(s, x, (HEIGHT - size.y) / 2, true);
        return x + size.x + 4;
    }
}
