package org.convscope.ui.graph;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.convscope.ui.graph.GraphHits.Hit;
import org.convscope.ui.graph.GraphHits.Kind;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;

/**
 * The drawing surface of the graph view: paints a laid out graph at a zoom and scroll position,
 * and turns mouse and keys into selection, expand/collapse, zoom and pan. Scroll bars and the
 * origin are in screen pixels of the zoomed drawing.
 */
public final class GraphCanvas {

    private static final double MIN_ZOOM = 0.05;
    private static final double MAX_ZOOM = 4;
    private static final double STEP = 1.25;

    private final Canvas canvas;
    private final GraphPainter painter;
    private LaidOutGraph graph;
    private String message;
    private double zoom = 1;
    private final Set<String> selected = new LinkedHashSet<>();
    private Set<String> found = Set.of();
    private Consumer<Set<String>> selectionListener = s -> {
    };
    private Consumer<Hit> toggleListener = h -> {
    };
    private int dragX;
    private int dragY;
    private boolean dragging;

    /** @param parent the parent */
    public GraphCanvas(Composite parent) {
        canvas = new Canvas(parent, SWT.H_SCROLL | SWT.V_SCROLL | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        painter = new GraphPainter(canvas.getDisplay());
        canvas.addListener(SWT.Paint, this::paint);
        canvas.addListener(SWT.Resize, e -> updateScrollBars());
        canvas.getHorizontalBar().addListener(SWT.Selection, e -> canvas.redraw());
        canvas.getVerticalBar().addListener(SWT.Selection, e -> canvas.redraw());
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseMove, this::mouseMove);
        canvas.addListener(SWT.MouseUp, e -> dragging = false);
        canvas.addListener(SWT.MouseVerticalWheel, this::wheel);
        canvas.addListener(SWT.KeyDown, this::key);
        canvas.addListener(SWT.MouseHover, this::hover);
        canvas.addListener(SWT.Dispose, e -> painter.dispose());
    }

    /** @return the SWT control */
    public Canvas control() {
        return canvas;
    }

    /** @return the painter, whose fonts size the boxes */
    public GraphPainter painter() {
        return painter;
    }

    /** @param listener told the selected ids after a click */
    public void onSelection(Consumer<Set<String>> listener) {
        selectionListener = listener;
    }

    /** @param listener told when a +/− was clicked */
    public void onToggle(Consumer<Hit> listener) {
        toggleListener = listener;
    }

    /** @return the graph shown, or null */
    public LaidOutGraph graph() {
        return graph;
    }

    /**
     * Shows a graph, keeping the selection of boxes that still exist.
     *
     * @param g   the graph, or null for none
     * @param fit whether to fit it to the window (for a newly opened model)
     */
    public void setGraph(LaidOutGraph g, boolean fit) {
        this.graph = g;
        message = null;
        if (g != null) {
            selected.retainAll(g.boxesById().keySet());
        } else {
            selected.clear();
        }
        if (fit) {
            fit();
        } else {
            updateScrollBars();
            canvas.redraw();
        }
    }

    /**
     * Shows no graph but a line of text instead of the usual "no model" hint: a model whose layout
     * is under way, or was cancelled, must not look like the model shown before it.
     *
     * @param text what to say
     */
    public void showMessage(String text) {
        // The selection stays: one made while a layout runs is kept for the graph it produces
        // (setGraph keeps the ids that graph has). A new model's view clears it when it opens.
        graph = null;
        message = text;
        updateScrollBars();
        canvas.redraw();
    }

    /**
     * @param fileName the model's file
     * @param layers   how many boxes are being laid out
     */
    public void showLayingOut(String fileName, int layers) {
        showMessage(NLS.bind(Messages.layingOut, fileName, layers));
    }

    /** @param fileName the model whose layout was cancelled */
    public void showLayoutCancelled(String fileName) {
        showMessage(NLS.bind(Messages.layoutCancelled, fileName));
    }

    /** @return the text shown instead of a graph, or null */
    public String message() {
        return message;
    }

    /** @return the selected ids */
    public Set<String> selection() {
        return Set.copyOf(selected);
    }

    /** @param ids ids to select; the first one is scrolled into view */
    public void select(List<String> ids) {
        selected.clear();
        selected.addAll(ids);
        if (!ids.isEmpty()) {
            reveal(ids.get(0));
        }
        canvas.redraw();
    }

    /** @param ids ids to mark as search results */
    public void setFound(Set<String> ids) {
        found = Set.copyOf(ids);
        canvas.redraw();
    }

    /** @return the zoom factor */
    public double zoom() {
        return zoom;
    }

    /** @param z the new zoom, clamped; the centre of the window stays put */
    public void setZoom(double z) {
        Rectangle area = canvas.getClientArea();
        zoomAround(z, area.width / 2, area.height / 2);
    }

    /** Zooms so the whole graph fits the window (never above actual size). */
    public void fit() {
        Rectangle area = canvas.getClientArea();
        if (graph == null || area.width <= 0 || area.height <= 0) {
            zoom = 1;
        } else {
            zoom = clamp(Math.min(1, Math.min(area.width / graph.width(), area.height / graph.height())));
        }
        updateScrollBars();
        canvas.getHorizontalBar().setSelection(0);
        canvas.getVerticalBar().setSelection(0);
        canvas.redraw();
    }

    /** @param id a box to centre in the window */
    public void reveal(String id) {
        Box b = graph == null ? null : graph.boxesById().get(id);
        if (b == null) {
            return;
        }
        Rectangle area = canvas.getClientArea();
        canvas.getHorizontalBar().setSelection((int) ((b.x() + b.w() / 2) * zoom - area.width / 2.0));
        canvas.getVerticalBar().setSelection((int) ((b.y() + b.h() / 2) * zoom - area.height / 2.0));
        canvas.redraw();
    }

    /**
     * @param x a point of the drawing, in graph pixels
     * @param y a point of the drawing, in graph pixels
     * @return where it is on the control now (tests and benchmarks click there)
     */
    public Point toControl(double x, double y) {
        return new Point((int) Math.round(x * zoom - originX()), (int) Math.round(y * zoom - originY()));
    }

    private void zoomAround(double z, int sx, int sy) {
        double gx = (sx + originX()) / zoom;
        double gy = (sy + originY()) / zoom;
        zoom = clamp(z);
        updateScrollBars();
        canvas.getHorizontalBar().setSelection((int) (gx * zoom - sx));
        canvas.getVerticalBar().setSelection((int) (gy * zoom - sy));
        canvas.redraw();
    }

    private static double clamp(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }

    private int originX() {
        return origin(canvas.getHorizontalBar(), graph == null ? 0 : graph.width(), canvas.getClientArea().width);
    }

    private int originY() {
        return origin(canvas.getVerticalBar(), graph == null ? 0 : graph.height(), canvas.getClientArea().height);
    }

    /** A drawing smaller than the window is centred in it, as Netron does; a larger one scrolls. */
    private int origin(ScrollBar bar, double extent, int view) {
        double content = extent * zoom;
        return content > view ? bar.getSelection() : -(int) ((view - content) / 2);
    }

    private void updateScrollBars() {
        Rectangle area = canvas.getClientArea();
        double w = graph == null ? 0 : graph.width() * zoom;
        double h = graph == null ? 0 : graph.height() * zoom;
        setBar(canvas.getHorizontalBar(), (int) Math.ceil(w), area.width);
        setBar(canvas.getVerticalBar(), (int) Math.ceil(h), area.height);
    }

    private static void setBar(ScrollBar bar, int content, int view) {
        bar.setMaximum(Math.max(content, 1));
        bar.setThumb(Math.max(1, Math.min(content, view)));
        bar.setPageIncrement(Math.max(1, view * 9 / 10));
        bar.setIncrement(20);
        bar.setVisible(content > view);
    }

    private void paint(Event e) {
        GC gc = e.gc;
        if (graph == null) {
            gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(e.x, e.y, e.width, e.height);
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.drawText(message != null ? message : Messages.noModel, 12, 12, true);
            return;
        }
        Transform t = new Transform(gc.getDevice());
        try {
            t.translate(-originX(), -originY());
            t.scale((float) zoom, (float) zoom);
            gc.setTransform(t);
            double[] visible = { (e.x + originX()) / zoom, (e.y + originY()) / zoom, e.width / zoom, e.height / zoom };
            painter.paint(gc, graph, visible, selected, found);
        } finally {
            gc.setTransform(null);
            t.dispose();
        }
    }

    private Hit hit(int sx, int sy) {
        return graph == null ? null : GraphHits.at(graph, (sx + originX()) / zoom, (sy + originY()) / zoom);
    }

    private void mouseDown(Event e) {
        canvas.setFocus();
        if (e.button == 3) {
            // The context menu acts on the box under the pointer, as a file manager's does.
            Hit hit = hit(e.x, e.y);
            if (hit != null && hit.kind() == Kind.NODE && !selected.contains(hit.id())) {
                selected.clear();
                selected.add(hit.id());
                canvas.redraw();
                selectionListener.accept(selection());
            }
            return;
        }
        if (e.button != 1) {
            return;
        }
        Hit hit = hit(e.x, e.y);
        if (hit == null) {
            dragging = true;
            dragX = e.x;
            dragY = e.y;
            return;
        }
        if (hit.kind() != Kind.NODE) {
            toggleListener.accept(hit);
            return;
        }
        if ((e.stateMask & SWT.MOD1) != 0) {
            if (!selected.remove(hit.id())) {
                selected.add(hit.id());
            }
        } else {
            selected.clear();
            selected.add(hit.id());
        }
        canvas.redraw();
        selectionListener.accept(selection());
    }

    private void mouseMove(Event e) {
        if (!dragging) {
            return;
        }
        canvas.getHorizontalBar().setSelection(originX() - (e.x - dragX));
        canvas.getVerticalBar().setSelection(originY() - (e.y - dragY));
        dragX = e.x;
        dragY = e.y;
        canvas.redraw();
    }

    private void wheel(Event e) {
        if ((e.stateMask & SWT.MOD1) != 0) {
            e.doit = false;
            zoomAround(e.count > 0 ? zoom * STEP : zoom / STEP, e.x, e.y);
        }
    }

    private void key(Event e) {
        if ((e.stateMask & SWT.MOD1) == 0) {
            return;
        }
        switch (e.character) {
            case '=', '+' -> setZoom(zoom * STEP);
            case '-' -> setZoom(zoom / STEP);
            case '0' -> setZoom(1);
            default -> {
                return;
            }
        }
        e.doit = false;
    }

    private void hover(Event e) {
        Hit hit = hit(e.x, e.y);
        Box b = hit == null || graph == null ? null : graph.boxesById().get(hit.id());
        canvas.setToolTipText(b == null ? null : b.node().layer().name() + " (" + b.node().layer().kerasClass() + ")");
    }
}
