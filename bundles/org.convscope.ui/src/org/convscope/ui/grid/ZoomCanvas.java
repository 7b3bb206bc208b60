package org.convscope.ui.grid;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.render.RgbImage;
import org.convscope.ui.KeyHelp;
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
 * A picture that zooms (Ctrl+wheel, +/−, 0 fits, 1 is actual size) and pans (drag, scroll bars,
 * wheel), and reports the image pixel under the pointer. Pixels stay sharp when magnified: a grid
 * tile is data, not a photograph. Several canvases can share one viewport ({@link #setViewport}).
 */
public final class ZoomCanvas {

    /** What the owner learns from the canvas; all calls arrive on the UI thread. */
    public interface Listener {

        /** The zoom or the scroll position changed by the user's hand. */
        default void viewportChanged(ZoomCanvas source) {
        }

        /** The pointer is over image pixel ({@code x}, {@code y}); (−1, −1) when it left the image. */
        default void pointerMoved(ZoomCanvas source, int x, int y) {
        }

        /** The image pixel ({@code x}, {@code y}) was clicked (pressed and released without dragging). */
        default void clicked(ZoomCanvas source, int x, int y) {
        }
    }

    /** Draws over the picture in canvas coordinates (use {@link #toCanvas}). */
    public interface Overlay {

        void paint(GC gc, ZoomCanvas canvas);
    }

    /** The keys the canvas handles, for Help &gt; Keys; {@link #key} reads the same characters. */
    public static final List<KeyHelp> KEYS = List.of(new KeyHelp("+ / =", Messages.keyZoomIn),
            new KeyHelp("\u2212", Messages.keyZoomOut), new KeyHelp("0", Messages.zoomFitTip),
            new KeyHelp("1", Messages.zoomActualTip), new KeyHelp("Ctrl+Wheel", Messages.keyWheel),
            new KeyHelp("Wheel / Shift+Wheel", Messages.keyScroll), new KeyHelp("Drag", Messages.keyDrag));

    private static final double MIN_ZOOM = 1 / 16.0;
    private static final double MAX_ZOOM = 64;
    private static final int DRAG_SLOP = 3;

    private final Canvas canvas;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<Overlay> overlays = new ArrayList<>();
    private Image image;
    private int imageWidth;
    private int imageHeight;
    private double zoom = 1;
    private int originX;
    private int originY;
    private Point pressAt;
    private Point pressOrigin;
    private boolean dragging;
    private boolean fitPending = true;

    public ZoomCanvas(Composite parent) {
        canvas = new Canvas(parent, SWT.H_SCROLL | SWT.V_SCROLL | SWT.NO_BACKGROUND | SWT.DOUBLE_BUFFERED);
        canvas.addListener(SWT.Paint, this::paint);
        UiTheme.follow(canvas, p -> canvas.redraw());
        canvas.addListener(SWT.Resize, e -> {
            if (fitPending && image != null) {
                fit();
            } else {
                clampAndUpdate();
            }
        });
        canvas.addListener(SWT.MouseWheel, this::wheel);
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseMove, this::mouseMove);
        canvas.addListener(SWT.MouseUp, this::mouseUp);
        canvas.addListener(SWT.MouseExit, e -> listeners.forEach(l -> l.pointerMoved(this, -1, -1)));
        canvas.addListener(SWT.KeyDown, this::key);
        canvas.addListener(SWT.Dispose, e -> disposeImage());
        canvas.getHorizontalBar().addListener(SWT.Selection, e -> scrolled());
        canvas.getVerticalBar().addListener(SWT.Selection, e -> scrolled());
    }

    /** @return the SWT control, for layout */
    public Canvas control() {
        return canvas;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void addOverlay(Overlay o) {
        overlays.add(o);
    }

    /**
     * Shows {@code img}, replacing (and disposing) the previous picture; the viewport is kept when
     * the size is unchanged, so switching colour maps does not jump.
     */
    public void setImage(RgbImage img) {
        boolean sameSize = image != null && img.width() == imageWidth && img.height() == imageHeight;
        disposeImage();
        image = new Image(canvas.getDisplay(), SwtImages.toImageData(img));
        imageWidth = img.width();
        imageHeight = img.height();
        if (!sameSize) {
            fitPending = true;
            Rectangle c = canvas.getClientArea();
            if (c.width > 0 && c.height > 0) {
                fit();
                return;
            }
        }
        clampAndUpdate();
    }

    /** Shows nothing (an error replaced the picture); the viewport fits the next picture anew. */
    public void clear() {
        disposeImage();
        imageWidth = 0;
        imageHeight = 0;
        fitPending = true;
        canvas.redraw();
    }

    /** Zooms so the whole picture fits, at most 8× (a few tiny tiles would otherwise fill the screen). */
    public void fit() {
        Rectangle c = canvas.getClientArea();
        if (image == null || c.width <= 0 || c.height <= 0) {
            return;
        }
        fitPending = false;
        double z = Math.min((double) c.width / imageWidth, (double) c.height / imageHeight);
        // whole multiples keep every source pixel the same size once there is room for them
        z = z >= 2 ? Math.min(8, Math.floor(z)) : z;
        zoom = clampZoom(z);
        originX = 0;
        originY = 0;
        clampAndUpdate();
        fireViewport();
    }

    /** Zooms by {@code factor} keeping the canvas point ({@code cx}, {@code cy}) fixed. */
    public void zoomBy(double factor, int cx, int cy) {
        fitPending = false;
        double z = clampZoom(zoom * factor);
        double ix = (cx + originX) / zoom;
        double iy = (cy + originY) / zoom;
        zoom = z;
        originX = (int) Math.round(ix * z - cx);
        originY = (int) Math.round(iy * z - cy);
        clampAndUpdate();
        fireViewport();
    }

    /** Zooms by {@code factor} about the canvas centre. */
    public void zoomBy(double factor) {
        Rectangle c = canvas.getClientArea();
        zoomBy(factor, c.width / 2, c.height / 2);
    }

    /** Shows image pixels at their own size. */
    public void actualSize() {
        zoomBy(1 / zoom);
    }

    /** @return screen pixels per image pixel */
    public double zoom() {
        return zoom;
    }

    /** @return the scroll position, in canvas pixels of the zoomed picture */
    public Point origin() {
        return new Point(originX, originY);
    }

    /** Takes another canvas's viewport, without telling the listeners (no echo between synced panes). */
    public void setViewport(double z, Point origin) {
        fitPending = false;
        zoom = clampZoom(z);
        originX = origin.x;
        originY = origin.y;
        clampAndUpdate();
    }

    /** @return the canvas rectangle covering image pixels ({@code x}, {@code y}, {@code w}, {@code h}) */
    public Rectangle toCanvas(int x, int y, int w, int h) {
        int x0 = (int) Math.floor(x * zoom) - originX;
        int y0 = (int) Math.floor(y * zoom) - originY;
        int x1 = (int) Math.floor((x + w) * zoom) - originX;
        int y1 = (int) Math.floor((y + h) * zoom) - originY;
        return new Rectangle(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    /** @return the image pixel under canvas point ({@code cx}, {@code cy}), or null outside the image */
    public Point toImage(int cx, int cy) {
        int x = (int) Math.floor((cx + originX) / zoom);
        int y = (int) Math.floor((cy + originY) / zoom);
        return image == null || x < 0 || y < 0 || x >= imageWidth || y >= imageHeight ? null : new Point(x, y);
    }

    /** Repaints now (overlays changed). */
    public void redraw() {
        canvas.redraw();
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle c = canvas.getClientArea();
        gc.setBackground(UiTheme.color(UiTheme.palette().gridSurround()));
        gc.fillRectangle(c);
        if (image != null) {
            // only the visible part is scaled: a zoomed VGG16 grid would otherwise cost seconds
            int sx0 = Math.max(0, (int) Math.floor(originX / zoom));
            int sy0 = Math.max(0, (int) Math.floor(originY / zoom));
            int sx1 = Math.min(imageWidth, (int) Math.ceil((originX + c.width) / zoom) + 1);
            int sy1 = Math.min(imageHeight, (int) Math.ceil((originY + c.height) / zoom) + 1);
            if (sx1 > sx0 && sy1 > sy0) {
                Rectangle d = toCanvas(sx0, sy0, sx1 - sx0, sy1 - sy0);
                gc.setInterpolation(zoom >= 1 ? SWT.NONE : SWT.DEFAULT);
                gc.drawImage(image, sx0, sy0, sx1 - sx0, sy1 - sy0, d.x, d.y, d.width, d.height);
            }
            for (Overlay o : overlays) {
                o.paint(gc, this);
            }
        }
    }

    private void wheel(Event e) {
        if ((e.stateMask & SWT.MOD1) != 0) {
            zoomBy(e.count > 0 ? 1.25 : 0.8, e.x, e.y);
        } else {
            int step = Math.max(16, canvas.getClientArea().height / 10);
            boolean horizontal = (e.stateMask & SWT.SHIFT) != 0;
            if (horizontal) {
                originX -= e.count * step / 3;
            } else {
                originY -= e.count * step / 3;
            }
            clampAndUpdate();
            fireViewport();
        }
        e.doit = false;
    }

    private void mouseDown(Event e) {
        if (e.button == 1) {
            canvas.setFocus();
            pressAt = new Point(e.x, e.y);
            pressOrigin = new Point(originX, originY);
            dragging = false;
        }
    }

    private void mouseMove(Event e) {
        if (pressAt != null && (e.stateMask & SWT.BUTTON1) != 0) {
            if (dragging || Math.abs(e.x - pressAt.x) > DRAG_SLOP || Math.abs(e.y - pressAt.y) > DRAG_SLOP) {
                dragging = true;
                originX = pressOrigin.x - (e.x - pressAt.x);
                originY = pressOrigin.y - (e.y - pressAt.y);
                clampAndUpdate();
                fireViewport();
            }
        }
        Point p = toImage(e.x, e.y);
        for (Listener l : listeners) {
            l.pointerMoved(this, p == null ? -1 : p.x, p == null ? -1 : p.y);
        }
    }

    private void mouseUp(Event e) {
        if (e.button == 1 && pressAt != null && !dragging) {
            Point p = toImage(e.x, e.y);
            if (p != null) {
                for (Listener l : List.copyOf(listeners)) {
                    l.clicked(this, p.x, p.y);
                }
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
            case '1' -> actualSize();
            default -> {
                return;
            }
        }
        e.doit = false;
    }

    private void scrolled() {
        ScrollBar h = canvas.getHorizontalBar();
        ScrollBar v = canvas.getVerticalBar();
        int cw = canvas.getClientArea().width;
        int ch = canvas.getClientArea().height;
        // a picture smaller than the canvas stays centred, so only a larger one follows the bars
        if (contentWidth() > cw) {
            originX = h.getSelection();
        }
        if (contentHeight() > ch) {
            originY = v.getSelection();
        }
        canvas.redraw();
        fireViewport();
    }

    private int contentWidth() {
        return (int) Math.ceil(imageWidth * zoom);
    }

    private int contentHeight() {
        return (int) Math.ceil(imageHeight * zoom);
    }

    private void clampAndUpdate() {
        Rectangle c = canvas.getClientArea();
        originX = clampOrigin(originX, contentWidth(), c.width);
        originY = clampOrigin(originY, contentHeight(), c.height);
        updateBar(canvas.getHorizontalBar(), contentWidth(), c.width, originX);
        updateBar(canvas.getVerticalBar(), contentHeight(), c.height, originY);
        canvas.redraw();
    }

    private static int clampOrigin(int origin, int content, int client) {
        if (content <= client) {
            return -(client - content) / 2;
        }
        return Math.max(0, Math.min(origin, content - client));
    }

    private static void updateBar(ScrollBar bar, int content, int client, int origin) {
        if (bar == null) {
            return;
        }
        if (content <= client) {
            bar.setVisible(false);
            return;
        }
        bar.setVisible(true);
        bar.setValues(origin, 0, content, Math.max(1, client), Math.max(1, client / 10), Math.max(1, client));
    }

    private void fireViewport() {
        for (Listener l : List.copyOf(listeners)) {
            l.viewportChanged(this);
        }
    }

    private double clampZoom(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }
}
