package org.convscope.ui.graph;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.convscope.core.model.ModelGraph;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Display;

/**
 * The first layout of a model, made in the thread that read it: a {@code .keras} archive's graph
 * is built before its weight file is walked (see {@code KerasModels.openEarly}), and the graph's
 * groups and its layout as it opens (groups folded as at open, top to bottom, plain labels) are
 * made right after, before the editor opens and the walk starts. The editor that then shows the
 * model takes them, and shows the layout instead of starting a layout job of its own, so its
 * first frame follows at once. ({@code KerasModels.open(Path, Consumer)} calls {@link #prepare} while the walk runs.)
 *
 * <p>Boxes are sized by one measure of the display's font, {@link #geometry(Display)}, which the
 * editors share: every graph painter draws with the same fonts (the system font at 9 pt).
 */
public final class OpeningLayouts {

    /**
     * What was made for a model before its editor opened.
     *
     * @param groups  the model's groups
     * @param cache   the levels laid out for it at open
     * @param laidOut the graph as it opens: groups folded as at open, plain labels, no
     *                activation statistics
     */
    public record Prepared(GraphGroups groups, LayoutCache cache, LaidOutGraph laidOut) {
    }

    private static volatile NodeGeometry shared;
    /** Made but not yet taken, by graph; a graph whose read failed is forgotten with it. */
    private static final Map<ModelGraph, Prepared> PREPARED = Collections.synchronizedMap(new WeakHashMap<>());

    private OpeningLayouts() {
    }

    /**
     * Measures the display's graph fonts the first time; call in the UI thread.
     *
     * @param display the display the graphs are painted on
     * @return how boxes are sized on it
     */
    public static NodeGeometry geometry(Display display) {
        NodeGeometry g = shared;
        if (g == null) {
            GraphPainter painter = new GraphPainter(display);
            GC gc = new GC(display);
            try {
                g = new NodeGeometry(painter.measure(gc));
            } finally {
                gc.dispose();
                painter.dispose();
            }
            shared = g;
        }
        return g;
    }

    /**
     * Lays {@code graph} out as its editor will first show it, if the display's fonts were
     * measured already (else the editor does it as before). Call in the thread reading the model.
     *
     * @param graph a model whose weights are still to be read
     */
    public static void prepare(ModelGraph graph) {
        NodeGeometry g = shared;
        if (g == null) {
            return;
        }
        try {
            GraphGroups groups = GraphGroups.of(graph);
            LayoutCache cache = new LayoutCache(g, false);
            GraphModel model = NodeLabels.DEFAULT
                    .apply(GraphModel.of(graph, groups, groups.foldedAtOpen(), Map.of()));
            LaidOutGraph laidOut = GraphLayout.layout(model, cache, () -> false);
            PREPARED.put(graph, new Prepared(groups, cache, laidOut));
        } catch (RuntimeException | StackOverflowError e) {
            // only a head start: the editor's own layout job runs it again and reports what fails
        }
    }

    /**
     * @param graph     a model
     * @param geometry  how the editor sizes boxes
     * @param leftRight the editor's flow direction
     * @return what was made for it, once: null when nothing was, or for other fonts or direction
     */
    public static Prepared take(ModelGraph graph, NodeGeometry geometry, boolean leftRight) {
        Prepared p = PREPARED.remove(graph);
        return p != null && p.cache().geometry() == geometry && p.cache().leftRight() == leftRight ? p : null;
    }
}
