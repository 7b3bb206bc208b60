package org.convscope.ui.filters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

import org.convscope.core.render.RgbImage;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.PatternGrid;
import org.convscope.ui.grid.ZoomCanvas;
import org.convscope.ui.theme.Palette;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;

/**
 * A layer's atlas on a zoomable canvas: one place per pattern, filled as patterns arrive, each
 * marked with its channel number once tiles are large enough to carry one; dead channels are
 * crossed and outlined, the tile under the pointer and the selected one outlined. Arrivals are
 * painted together, so a batch of patterns costs one repaint.
 */
final class AtlasGrid {

    /** Tiles narrower than this on screen carry no channel number: it would cover the pattern. */
    private static final int LABELLED_WIDTH = 40;

    private final ZoomCanvas canvas;
    private AtlasLayout layout;
    private int[] filters = new int[0];
    private FilterPattern[] slots = new FilterPattern[0];
    private int hover = -1;
    private int selected = -1;
    private boolean repaintPending;

    /**
     * @param hovered told the place under the pointer, −1 when none
     * @param clicked told the place clicked
     * @param opened  told the place double-clicked
     */
    AtlasGrid(Composite parent, IntConsumer hovered, IntConsumer clicked, IntConsumer opened) {
        canvas = new ZoomCanvas(parent);
        canvas.addOverlay(this::paintMarks);
        canvas.addListener(new ZoomCanvas.Listener() {

            @Override
            public void pointerMoved(ZoomCanvas source, int x, int y) {
                int i = layout == null || x < 0 ? -1 : layout.indexAt(x, y);
                if (i != hover) {
                    hover = i;
                    canvas.redraw();
                    hovered.accept(i);
                }
            }

            @Override
            public void clicked(ZoomCanvas source, int x, int y) {
                int i = layout == null ? -1 : layout.indexAt(x, y);
                if (i >= 0) {
                    clicked.accept(i);
                }
            }
        });
        canvas.control().addListener(SWT.MouseDoubleClick, e -> {
            Point p = canvas.toImage(e.x, e.y);
            int i = p == null || layout == null ? -1 : layout.indexAt(p.x, p.y);
            if (i >= 0) {
                opened.accept(i);
            }
        });
    }

    /** @return the canvas (zoom, layout) */
    ZoomCanvas canvas() {
        return canvas;
    }

    /**
     * Empties the grid to places for {@code filterOrder}, each {@code copies} times, of tiles
     * {@code tileWidth} × {@code tileHeight}.
     */
    void reset(int[] filterOrder, int copies, int tileWidth, int tileHeight) {
        filters = new int[filterOrder.length * copies];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = filterOrder[i / copies];
        }
        slots = new FilterPattern[filters.length];
        layout = new AtlasLayout(tileWidth, tileHeight, filters.length, PatternGrid.PER_ROW, PatternGrid.MARGIN);
        hover = -1;
        selected = -1;
        repaint();
    }

    /** Puts {@code p} in the first empty place of its filter; the grid repaints once the queue is done. */
    void arrived(FilterPattern p) {
        for (int i = 0; i < slots.length; i++) {
            if (filters[i] == p.filter() && slots[i] == null) {
                slots[i] = p;
                break;
            }
        }
        if (!repaintPending) {
            repaintPending = true;
            canvas.control().getDisplay().asyncExec(() -> {
                repaintPending = false;
                if (!canvas.control().isDisposed()) {
                    repaint();
                }
            });
        }
    }

    /** Shows the finished run: its filters in order, copies together. */
    void finished(int[] filterOrder, int copies, List<FilterPattern> patterns) {
        if (patterns.isEmpty()) {
            return;
        }
        RgbImage t = patterns.get(0).tile();
        int keep = selected;
        reset(filterOrder, copies, t.width(), t.height());
        slots = patterns.toArray(FilterPattern[]::new);
        selected = keep < slots.length ? keep : -1;
        repaint();
    }

    private void repaint() {
        if (layout == null) {
            return;
        }
        Palette palette = UiTheme.palette();
        List<RgbImage> tiles = new ArrayList<>(slots.length);
        for (FilterPattern p : slots) {
            tiles.add(p == null ? null : p.tile());
        }
        canvas.setImage(layout.image(tiles, palette.gutterArgb(), 0xFF000000 | palette.gridSurround()));
    }

    /** Numbers the tiles, outlines dead ones, the hovered and the selected one. */
    private void paintMarks(GC gc, ZoomCanvas c) {
        if (layout == null) {
            return;
        }
        Palette palette = UiTheme.palette();
        boolean labelled = layout.tileWidth() * c.zoom() >= LABELLED_WIDTH;
        gc.setLineWidth(2);
        for (int i = 0; i < slots.length; i++) {
            Rectangle r = c.toCanvas(layout.tileX(i), layout.tileY(i), layout.tileWidth(), layout.tileHeight());
            if (slots[i] != null && slots[i].dead()) {
                gc.setForeground(UiTheme.color(palette.markDead()));
                gc.drawRectangle(r.x, r.y, r.width - 1, r.height - 1);
            }
            if (labelled) {
                String n = Integer.toString(filters[i]);
                Point size = gc.textExtent(n);
                gc.setBackground(UiTheme.color(palette.panel()));
                gc.setForeground(UiTheme.color(palette.panelText()));
                gc.fillRectangle(r.x, r.y, size.x + 4, size.y);
                gc.drawText(n, r.x + 2, r.y, true);
            }
        }
        outline(gc, c, selected, palette.markPicked());
        outline(gc, c, hover, palette.markHover());
    }

    private void outline(GC gc, ZoomCanvas c, int i, int rgb) {
        if (i >= 0 && i < slots.length) {
            gc.setForeground(UiTheme.color(rgb));
            Rectangle r = c.toCanvas(layout.tileX(i), layout.tileY(i), layout.tileWidth(), layout.tileHeight());
            gc.drawRectangle(r.x, r.y, r.width - 1, r.height - 1);
        }
    }

    /** Selects place {@code i} (outlined), −1 for none. */
    void select(int i) {
        selected = i;
        canvas.redraw();
    }

    /** @return the filter of place {@code i} */
    int filterAt(int i) {
        return filters[i];
    }

    /** @return the pattern of place {@code i}, or null before it arrived */
    FilterPattern patternAt(int i) {
        return i >= 0 && i < slots.length ? slots[i] : null;
    }

    /** @return the place of {@code filter}'s first pattern, or −1 */
    int placeOf(int filter) {
        for (int i = 0; i < filters.length; i++) {
            if (filters[i] == filter) {
                return i;
            }
        }
        return -1;
    }

    /** @return the patterns shown, null where one has not arrived */
    List<FilterPattern> patterns() {
        return Arrays.asList(slots.clone());
    }

    /** @return the places */
    int size() {
        return slots.length;
    }

    /** @return the layout, or null before a run */
    AtlasLayout layout() {
        return layout;
    }
}
