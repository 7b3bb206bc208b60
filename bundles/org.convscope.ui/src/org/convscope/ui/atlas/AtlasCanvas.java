package org.convscope.ui.atlas;

import java.util.ArrayList;
import java.util.List;

import org.convscope.ui.theme.Palette;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;

/**
 * The atlas's tiles as a scrolling gallery that reflows to the width: each tile drawn at the zoom
 * (Ctrl+wheel, +/−, 0 and 1 as in the grid editor), its two label lines under it at the font's
 * size. Only the visible tiles are painted, and a tile not yet decoded is asked for
 * ({@link Tiles#missing}) and drawn as an empty frame meanwhile, so a 512-channel layer costs the
 * UI thread the tiles on screen only.
 */
public final class AtlasCanvas {

    /** Where the canvas gets its tiles and tells what the pointer does; all on the UI thread. */
    interface Tiles {

        /** @return tile {@code index}'s picture, or null when it is not decoded yet */
        Image image(int index);

        /** @return the two lines under tile {@code index} */
        String[] label(int index);

        /** @return whether tile {@code index} is a dead channel's */
        boolean dead(int index);

        /** @return a missing image's name to write over tile {@code index}, or null */
        String missingName(int index);

        /** The tiles {@code indices} are on screen and not decoded. */
        void missing(List<Integer> indices);

        /** The pointer is over tile {@code index} (−1: none) at tile pixel (x, y). */
        void hovered(int index, int x, int y);

        /** Tile {@code index} was clicked. */
        void clicked(int index);
    }

    private static final int SPACING = 10;
    private static final double MIN_ZOOM = 0.25;
    private static final double MAX_ZOOM = 8;
    private static final int DRAG_SLOP = 3;

    private final Canvas canvas;
    private final Tiles tiles;
    private int count;
    private int tileWidth = 1;
    private int tileHeight = 1;
    private double zoom = 1;
    private int originY;
    private int hovered = -1;
    private Point pressAt;
    private int pressOrigin;
    private boolean dragging;
    private int labelHeight;
    private int labelWidth;

    AtlasCanvas(Composite parent, Tiles tiles) {
        this.tiles = tiles;
        canvas = new Canvas(parent, SWT.V_SCROLL | SWT.NO_BACKGROUND | SWT.DOUBLE_BUFFERED);
        canvas.addListener(SWT.Paint, this::paint);
        canvas.addListener(SWT.Resize, e -> update());
        canvas.addListener(SWT.MouseWheel, this::wheel);
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseMove, this::mouseMove);
        canvas.addListener(SWT.MouseUp, this::mouseUp);
        canvas.addListener(SWT.MouseExit, e -> hover(-1, 0, 0));
        canvas.addListener(SWT.KeyDown, this::key);
        canvas.getVerticalBar().addListener(SWT.Selection, e -> {
            originY = canvas.getVerticalBar().getSelection();
            canvas.redraw();
        });
        UiTheme.follow(canvas, p -> canvas.redraw());
    }

    /** @return the control, for layout */
    public Canvas control() {
        return canvas;
    }

    /** Shows {@code n} tiles of {@code width × height} atlas pixels, from the top. */
    void setTiles(int n, int width, int height) {
        count = n;
        tileWidth = Math.max(1, width);
        tileHeight = Math.max(1, height);
        labelWidth = measureLabels();
        originY = 0;
        hovered = -1;
        update();
    }

    /** @return screen pixels per atlas pixel */
    public double zoom() {
        return zoom;
    }

    /** Zooms by {@code factor}, keeping the tile at the top of the view in view. */
    public void zoomBy(double factor) {
        setZoom(zoom * factor);
    }

    /** Sets the zoom; 1 shows a crop's cell at 32 screen pixels. */
    public void setZoom(double z) {
        int first = indexAtRowTop();
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
        int perRow = perRow();
        originY = first / perRow * slotHeight();
        update();
    }

    /** Zooms so that every tile fits the view, at most at 4×. */
    public void fit() {
        Rectangle c = canvas.getClientArea();
        if (count == 0 || c.width <= 0 || c.height <= 0) {
            return;
        }
        double best = MIN_ZOOM;
        for (double z = 4; z >= MIN_ZOOM; z /= 1.25) {
            zoom = z;
            if (rows() * slotHeight() + SPACING <= c.height) {
                best = z;
                break;
            }
        }
        zoom = best;
        originY = 0;
        update();
    }

    private int indexAtRowTop() {
        return Math.max(0, Math.min(count - 1, Math.max(0, originY) / slotHeight() * perRow()));
    }

    private int scaledWidth() {
        return Math.max(1, (int) Math.round(tileWidth * zoom));
    }

    private int scaledHeight() {
        return Math.max(1, (int) Math.round(tileHeight * zoom));
    }

    private int labelHeight() {
        if (labelHeight == 0) {
            GC gc = new GC(canvas);
            try {
                labelHeight = gc.getFontMetrics().getHeight() * 2 + 2;
            } finally {
                gc.dispose();
            }
        }
        return labelHeight;
    }

    private int slotWidth() {
        return Math.max(scaledWidth(), labelWidth) + SPACING;
    }

    /** @return the width of the widest label line, so that no number is cut off */
    private int measureLabels() {
        GC gc = new GC(canvas);
        try {
            int widest = 0;
            for (int i = 0; i < count; i++) {
                for (String line : tiles.label(i)) {
                    widest = Math.max(widest, gc.textExtent(line).x);
                }
            }
            return widest;
        } finally {
            gc.dispose();
        }
    }

    private int slotHeight() {
        return scaledHeight() + labelHeight() + SPACING;
    }

    /** @return tiles per row at this width and zoom */
    public int perRow() {
        int w = canvas.getClientArea().width - SPACING;
        return Math.max(1, w / slotWidth());
    }

    private int rows() {
        return (count + perRow() - 1) / perRow();
    }

    /** @return the canvas rectangle of tile {@code index}'s picture */
    public Rectangle tileBounds(int index) {
        int perRow = perRow();
        int x = SPACING + index % perRow * slotWidth();
        int y = SPACING + index / perRow * slotHeight() - originY;
        return new Rectangle(x, y, scaledWidth(), scaledHeight());
    }

    /** @return the tile whose picture or labels cover canvas point (x, y), or −1 */
    public int indexAt(int x, int y) {
        int perRow = perRow();
        int col = (x - SPACING) / slotWidth();
        int row = (y + originY - SPACING) / slotHeight();
        if (x < SPACING || y + originY < SPACING || col >= perRow) {
            return -1;
        }
        int i = row * perRow + col;
        Rectangle r = tileBounds(i);
        boolean inside = x < r.x + r.width && y < r.y + r.height + labelHeight();
        return i < count && inside ? i : -1;
    }

    /** @return the indices of the tiles on screen */
    public List<Integer> visible() {
        List<Integer> out = new ArrayList<>();
        Rectangle c = canvas.getClientArea();
        int perRow = perRow();
        int first = Math.max(0, (originY - SPACING) / slotHeight());
        int last = (originY + c.height) / slotHeight();
        for (int row = first; row <= last; row++) {
            for (int col = 0; col < perRow; col++) {
                int i = row * perRow + col;
                if (i < count) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** Repaints. */
    public void redraw() {
        canvas.redraw();
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Palette p = UiTheme.palette();
        Rectangle c = canvas.getClientArea();
        gc.setBackground(UiTheme.color(p.gridSurround()));
        gc.fillRectangle(c);
        gc.setInterpolation(zoom >= 1 ? SWT.NONE : SWT.DEFAULT);
        List<Integer> wanted = new ArrayList<>();
        int lineHeight = gc.getFontMetrics().getHeight();
        for (int i : visible()) {
            Rectangle r = tileBounds(i);
            Image img = tiles.image(i);
            if (img == null) {
                wanted.add(i);
                gc.setForeground(UiTheme.color(p.outline()));
                gc.drawRectangle(r.x, r.y, r.width - 1, r.height - 1);
            } else {
                Rectangle b = img.getBounds();
                gc.drawImage(img, 0, 0, b.width, b.height, r.x, r.y, r.width, r.height);
                String missing = tiles.missingName(i);
                if (missing != null) {
                    gc.setForeground(UiTheme.color(p.panelText()));
                    gc.setBackground(UiTheme.color(p.panel()));
                    gc.setClipping(r);
                    gc.drawText(missing, r.x + 2, r.y + 2, false);
                    gc.setClipping((Rectangle) null);
                }
            }
            boolean dead = tiles.dead(i);
            if (dead || i == hovered) {
                gc.setLineWidth(2);
                gc.setForeground(UiTheme.color(i == hovered ? p.selection() : p.markDead()));
                gc.drawRectangle(r.x - 1, r.y - 1, r.width + 1, r.height + 1);
                gc.setLineWidth(1);
            }
            String[] lines = tiles.label(i);
            gc.setForeground(UiTheme.color(dead ? p.problem() : p.panelText()));
            Rectangle text = new Rectangle(r.x, r.y + r.height + 2, slotWidth() - SPACING, lineHeight * 2);
            gc.setClipping(text);
            for (int l = 0; l < lines.length; l++) {
                gc.drawText(lines[l], text.x, text.y + l * lineHeight, true);
            }
            gc.setClipping((Rectangle) null);
        }
        if (!wanted.isEmpty()) {
            tiles.missing(wanted);
        }
    }

    private void update() {
        Rectangle c = canvas.getClientArea();
        int content = count == 0 ? 0 : rows() * slotHeight() + SPACING;
        originY = content <= c.height ? 0 : Math.max(0, Math.min(originY, content - c.height));
        ScrollBar bar = canvas.getVerticalBar();
        if (content <= c.height) {
            bar.setVisible(false);
        } else {
            bar.setVisible(true);
            bar.setValues(originY, 0, content, Math.max(1, c.height), Math.max(1, slotHeight() / 2),
                    Math.max(1, c.height));
        }
        canvas.redraw();
    }

    private void wheel(Event e) {
        if ((e.stateMask & SWT.MOD1) != 0) {
            zoomBy(e.count > 0 ? 1.25 : 0.8);
        } else {
            originY -= e.count * Math.max(16, slotHeight() / 3);
            update();
        }
        e.doit = false;
    }

    private void mouseDown(Event e) {
        if (e.button == 1) {
            canvas.setFocus();
            pressAt = new Point(e.x, e.y);
            pressOrigin = originY;
            dragging = false;
        }
    }

    private void mouseMove(Event e) {
        if (pressAt != null && (e.stateMask & SWT.BUTTON1) != 0
                && (dragging || Math.abs(e.y - pressAt.y) > DRAG_SLOP)) {
            dragging = true;
            originY = pressOrigin - (e.y - pressAt.y);
            update();
        }
        int i = indexAt(e.x, e.y);
        Rectangle r = i < 0 ? null : tileBounds(i);
        hover(i, r == null ? 0 : (int) ((e.x - r.x) / zoom), r == null ? 0 : (int) ((e.y - r.y) / zoom));
    }

    private void hover(int index, int x, int y) {
        if (index != hovered) {
            hovered = index;
            canvas.redraw();
        }
        tiles.hovered(index, x, y);
    }

    private void mouseUp(Event e) {
        if (e.button == 1 && pressAt != null && !dragging) {
            int i = indexAt(e.x, e.y);
            if (i >= 0) {
                tiles.clicked(i);
            }
        }
        pressAt = null;
        dragging = false;
    }

    private void key(Event e) {
        switch (e.character) {
            case '+', '=' -> zoomBy(1.25);
            case '-' -> zoomBy(0.8);
            case '0' -> fit();
            case '1' -> setZoom(1);
            default -> {
                return;
            }
        }
        e.doit = false;
    }
}
