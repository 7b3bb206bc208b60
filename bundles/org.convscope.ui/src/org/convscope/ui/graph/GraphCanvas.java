package org.convscope.ui.graph;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.convscope.ui.KeyHelp;
import org.convscope.ui.graph.GraphHits.Hit;
import org.convscope.ui.graph.GraphHits.Kind;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.theme.Palette;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Pattern;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;

/**
 * The drawing surface of the graph view: paints a laid out graph at a zoom and scroll position,
 * with a mini-map of the whole drawing when the window shows only part of it, and turns mouse and
 * keys into selection, fold/unfold, zoom and pan. A newly shown graph opens at a zoom where its text
 * is readable, scrolled to its inputs. Scroll bars and the origin are in screen pixels of the
 * zoomed drawing.
 */
public final class GraphCanvas {

    private static final double MIN_ZOOM = 0.05;
    private static final double MAX_ZOOM = 4;
    /** The factor one zoom step (Shift+Up, Ctrl+=, Ctrl+wheel) multiplies the zoom by. */
    public static final double STEP = 1.25;
    /** The keys the canvas handles itself; the zoom, find and export keys are commands. */
    public static final List<KeyHelp> KEYS = List.of(new KeyHelp("F", Messages.keyFit),
            new KeyHelp("Home", Messages.keyHome), new KeyHelp("Ctrl+= / Ctrl+−", Messages.keyCtrlZoom),
            new KeyHelp("Ctrl+0", Messages.keyActual), new KeyHelp("Ctrl+Wheel", Messages.keyWheel),
            new KeyHelp("Double-click", Messages.keyDoubleClick), new KeyHelp("Esc", Messages.keyEsc));
    /** The smallest text, in screen pixels, a newly shown graph opens with. */
    public static final double READABLE_PX = 11;
    /** Space left above (or left of) the inputs when a graph opens. */
    private static final int HOME_MARGIN = 16;

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
    private Consumer<String> openListener = id -> {
    };
    private int dragX;
    private int dragY;
    private boolean dragging;
    private boolean overviewDragging;
    private Overview draggedOverview;
    private boolean homePending;
    private double[] menuPoint;
    private Image overviewImage;
    /** The mini-map's image as a fill pattern, made with it. */
    private Pattern overviewPattern;
    private LaidOutGraph overviewOf;

    /** @param parent the parent */
    public GraphCanvas(Composite parent) {
        canvas = new Canvas(parent, SWT.H_SCROLL | SWT.V_SCROLL | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        painter = new GraphPainter(canvas.getDisplay());
        canvas.addListener(SWT.Paint, this::paint);
        canvas.addListener(SWT.Resize, e -> {
            updateScrollBars();
            if (homePending) {
                home();
            }
        });
        canvas.getHorizontalBar().addListener(SWT.Selection, e -> canvas.redraw());
        canvas.getVerticalBar().addListener(SWT.Selection, e -> canvas.redraw());
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseMove, this::mouseMove);
        canvas.addListener(SWT.MouseUp, e -> {
            dragging = false;
            overviewDragging = false;
        });
        canvas.addListener(SWT.MouseDoubleClick, this::doubleClick);
        canvas.addListener(SWT.MouseVerticalWheel, this::wheel);
        canvas.addListener(SWT.KeyDown, this::key);
        canvas.addListener(SWT.MouseHover, this::hover);
        canvas.addListener(SWT.Dispose, e -> {
            painter.dispose();
            disposeOverview();
        });
        UiTheme.follow(canvas, p -> {
            painter.setPalette(p);
            disposeOverview();
            canvas.redraw();
        });
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

    /** @param listener told the id of a box that cannot unfold when it is double-clicked */
    public void onOpen(Consumer<String> listener) {
        openListener = listener;
    }

    /** @param byId a body colour (RGB) per box id; see {@link GraphPainter#setTints} */
    public void setTints(Map<String, Integer> byId) {
        painter.setTints(byId);
        disposeOverview();
        canvas.redraw();
    }

    /** @return the graph shown, or null */
    public LaidOutGraph graph() {
        return graph;
    }

    /**
     * Shows a graph, keeping the selection of boxes that still exist.
     *
     * @param g   the graph, or null for none
     * @param fit whether to go {@link #home()} (for a newly opened model)
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
            home();
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

    /** @return the size of the graph's text on the screen now, in pixels */
    public double textPixels() {
        return painter.textPixels() * zoom;
    }

    /**
     * Where a model opens: the whole graph when it fits the window with readable text (at most
     * actual size), else actual size (or larger, if the font is tiny) scrolled to the inputs, the
     * boxes nothing reads from. A window not yet sized gets it once it is.
     */
    public void home() {
        Rectangle area = canvas.getClientArea();
        if (graph == null || area.width <= 0 || area.height <= 0) {
            homePending = graph != null;
            zoom = 1;
            updateScrollBars();
            canvas.redraw();
            return;
        }
        homePending = false;
        double fit = Math.min(area.width / graph.width(), area.height / graph.height());
        double text = painter.textPixels();
        zoom = clamp(fit * text >= READABLE_PX ? Math.min(1, fit) : Math.max(1, READABLE_PX / text));
        updateScrollBars();
        double[] in = inputs();
        if (graph.leftRight()) {
            canvas.getHorizontalBar().setSelection((int) (in[0] * zoom) - HOME_MARGIN);
            canvas.getVerticalBar().setSelection((int) ((in[1] + in[3] / 2) * zoom - area.height / 2.0));
        } else {
            canvas.getHorizontalBar().setSelection((int) ((in[0] + in[2] / 2) * zoom - area.width / 2.0));
            canvas.getVerticalBar().setSelection((int) (in[1] * zoom) - HOME_MARGIN);
        }
        canvas.redraw();
    }

    /** @return x, y, width, height of the boxes nothing reads from, or of the first one if they are far apart */
    private double[] inputs() {
        Set<String> read = new HashSet<>();
        graph.paths().forEach(p -> read.add(p.edge().target()));
        double[] r = null;
        Rectangle area = canvas.getClientArea();
        for (Box b : graph.boxes()) {
            if (read.contains(b.node().id())) {
                continue;
            }
            if (r == null) {
                r = new double[] { b.x(), b.y(), b.w(), b.h() };
                continue;
            }
            double x0 = Math.min(r[0], b.x());
            double y0 = Math.min(r[1], b.y());
            double x1 = Math.max(r[0] + r[2], b.x() + b.w());
            double y1 = Math.max(r[1] + r[3], b.y() + b.h());
            if ((x1 - x0) * zoom <= area.width && (y1 - y0) * zoom <= area.height) {
                r = new double[] { x0, y0, x1 - x0, y1 - y0 };
            }
        }
        return r != null ? r : new double[] { 0, 0, graph.width(), graph.height() };
    }

    /** @return the part of the drawing the window shows: x, y, width, height in graph pixels */
    public double[] viewport() {
        Rectangle area = canvas.getClientArea();
        return new double[] { originX() / zoom, originY() / zoom, area.width / zoom, area.height / zoom };
    }

    /** @return the mini-map as it is placed now, or null when none is shown */
    public Overview overview() {
        Rectangle area = canvas.getClientArea();
        return graph == null
                ? null
                : Overview.place(graph.width(), graph.height(), zoom, area.width, area.height, originX(), originY());
    }

    /** @return where the last right click was, in graph pixels, or null */
    public double[] menuPoint() {
        return menuPoint == null ? null : menuPoint.clone();
    }

    /** @param z the new zoom, clamped; the centre of the window stays put */
    public void setZoom(double z) {
        Rectangle area = canvas.getClientArea();
        zoomAround(z, area.width / 2, area.height / 2);
    }

    /** Zooms so the whole graph fits the window (never above actual size). */
    public void fit() {
        homePending = false;
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
            Palette p = painter.palette();
            gc.setBackground(painter.color(p.background()));
            gc.fillRectangle(e.x, e.y, e.width, e.height);
            gc.setForeground(painter.color(p.message()));
            gc.drawText(message != null ? message : Messages.noModel, 12, 12, true);
            return;
        }
        Transform t = new Transform(gc.getDevice());
        try {
            t.translate(-originX(), -originY());
            t.scale((float) zoom, (float) zoom);
            gc.setTransform(t);
            double[] visible = { (e.x + originX()) / zoom, (e.y + originY()) / zoom, e.width / zoom, e.height / zoom };
            painter.paint(gc, graph, visible, selected, found, zoom);
        } finally {
            gc.setTransform(null);
            t.dispose();
        }
        paintOverview(gc);
    }

    private void paintOverview(GC gc) {
        Overview o = overview();
        if (o == null) {
            return;
        }
        // the whole drawing at the mini-map's scale, made once per layout; the mini-map shows the
        // part of it at its offset
        int fullW = Math.max(1, (int) Math.ceil(graph.width() * o.scale()));
        int fullH = Math.max(1, (int) Math.ceil(graph.height() * o.scale()));
        if (overviewImage == null || overviewOf != graph || overviewImage.getBounds().width != fullW
                || overviewImage.getBounds().height != fullH) {
            disposeOverview();
            overviewImage = painter.thumbnail(graph, fullW, fullH, o.scale());
            overviewPattern = new Pattern(canvas.getDisplay(), overviewImage);
            overviewOf = graph;
        }
        int sx = Math.min(fullW - 1, (int) Math.round(o.offX() * o.scale()));
        int sy = Math.min(fullH - 1, (int) Math.round(o.offY() * o.scale()));
        int sw = Math.min(o.w(), fullW - sx);
        int sh = Math.min(o.h(), fullH - sy);
        // The shown part filled from the image as a pattern, not drawn with GC.drawImage: SWT 3.132's
        // GTK drawImage first copies the whole image into the Java heap (Image.getImageData, just
        // for its size): 1.3 MB a frame for a tall graph's mini-map, 650 MB over the responsiveness
        // benchmark's pans and zooms, whose collections held frames up for 30-120 ms.
        Transform shift = new Transform(canvas.getDisplay());
        try {
            shift.translate(o.x() - sx, o.y() - sy);
            gc.setTransform(shift);
            gc.setBackgroundPattern(overviewPattern);
            gc.fillRectangle(sx, sy, sw, sh);
        } finally {
            gc.setBackgroundPattern(null);
            gc.setTransform(null);
            shift.dispose();
        }
        gc.setLineWidth(1);
        gc.setForeground(painter.color(painter.palette().outline()));
        gc.drawRectangle(o.x() - 1, o.y() - 1, o.w() + 1, o.h() + 1);
        Rectangle area = canvas.getClientArea();
        double[] v = o.viewport(originX(), originY(), zoom, area.width, area.height);
        int x0 = Math.max(o.x(), (int) Math.round(v[0]));
        int y0 = Math.max(o.y(), (int) Math.round(v[1]));
        int x1 = Math.min(o.x() + o.w(), (int) Math.round(v[0] + v[2]));
        int y1 = Math.min(o.y() + o.h(), (int) Math.round(v[1] + v[3]));
        gc.setForeground(painter.selectionColor());
        gc.setLineWidth(2);
        gc.drawRectangle(x0, y0, Math.max(2, x1 - x0), Math.max(2, y1 - y0));
        gc.setLineWidth(1);
    }

    private void disposeOverview() {
        if (overviewImage != null) {
            overviewPattern.dispose();
            overviewPattern = null;
            overviewImage.dispose();
            overviewImage = null;
            overviewOf = null;
        }
    }

    /** Centres the window on a point of the drawing, as a click on the mini-map asks. */
    private void centreOn(double gx, double gy) {
        Rectangle area = canvas.getClientArea();
        canvas.getHorizontalBar().setSelection((int) (gx * zoom - area.width / 2.0));
        canvas.getVerticalBar().setSelection((int) (gy * zoom - area.height / 2.0));
        canvas.redraw();
    }

    private Hit hit(int sx, int sy) {
        return graph == null ? null : GraphHits.at(graph, (sx + originX()) / zoom, (sy + originY()) / zoom);
    }

    private void mouseDown(Event e) {
        canvas.setFocus();
        Overview o = e.button == 1 ? overview() : null;
        if (o != null && o.contains(e.x, e.y)) {
            overviewDragging = true;
            // a scrolling mini-map moves under the pointer as the window follows it: the drag maps
            // through the mini-map as it was when the drag began
            draggedOverview = o;
            double[] g = o.toGraph(e.x, e.y);
            centreOn(g[0], g[1]);
            return;
        }
        if (e.button == 3) {
            menuPoint = new double[] { (e.x + originX()) / zoom, (e.y + originY()) / zoom };
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
        Overview o = overviewDragging ? draggedOverview : null;
        if (o != null) {
            double[] g = o.toGraph(e.x, e.y);
            centreOn(g[0], g[1]);
            return;
        }
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

    /** A double click unfolds a folded group's box, or folds the innermost frame around the point. */
    private void doubleClick(Event e) {
        if (graph == null || e.button != 1) {
            return;
        }
        double gx = (e.x + originX()) / zoom;
        double gy = (e.y + originY()) / zoom;
        Hit hit = GraphHits.at(graph, gx, gy);
        if (hit != null && hit.kind() == Kind.NODE) {
            Box b = graph.boxesById().get(hit.id());
            if (b != null && b.node().expandable()) {
                toggleListener.accept(new Hit(Kind.EXPAND, hit.id()));
            } else if (b != null) {
                openListener.accept(hit.id());
            }
            return;
        }
        String frame = hit == null ? GraphHits.frameAt(graph, gx, gy) : null;
        if (frame != null) {
            toggleListener.accept(new Hit(Kind.COLLAPSE, frame));
        }
    }

    private void key(Event e) {
        if ((e.stateMask & SWT.MODIFIER_MASK) == 0) {
            if (e.character == 'f' || e.character == 'F') {
                fit();
                e.doit = false;
            } else if (e.keyCode == SWT.HOME) {
                home();
                e.doit = false;
            }
            return;
        }
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
        String tip = null;
        if (b != null && b.node().layer().id().equals(b.node().id())) {
            tip = b.node().layer().name() + " (" + b.node().layer().kerasClass() + ")";
        } else if (b != null) {
            // a folded block: its box stands for many layers, not the one whose output leaves it
            tip = b.node().title() + " (" + b.node().attributes().get(0) + ")";
        }
        canvas.setToolTipText(tip);
    }
}
