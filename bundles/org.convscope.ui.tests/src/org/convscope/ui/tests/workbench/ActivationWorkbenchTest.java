package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.convscope.core.model.Layer;
import org.convscope.core.npy.Npy;
import org.convscope.core.render.ChannelGrid;
import org.convscope.core.render.ChannelGridRenderer;
import org.convscope.core.render.GridGeometry;
import org.convscope.core.render.NormalizationScope;
import org.convscope.core.tensor.Tensor;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.convscope.ui.ViewIds;
import org.convscope.ui.activations.ActivationProvider;
import org.convscope.ui.activations.ActivationRun;
import org.convscope.ui.activations.LayerRow;
import org.convscope.ui.compare.CompareEditor;
import org.convscope.ui.editor.EditorPlacement;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.grid.GridEditor;
import org.convscope.ui.grid.ZoomCanvas;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.tests.graph.TestModels;
import org.convscope.ui.views.ActivationView;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activation workflow in the real workbench under Xvfb: open the sample, select a conv layer,
 * compute for a digit, open its grid, hover and click, export, compare two 3s, and a bad image.
 */
@ExtendWith(InWorkbench.class)
class ActivationWorkbenchTest {

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private ActivationView view;
    private Display display;

    @BeforeEach
    void openSample() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        display = window.getShell().getDisplay();
        window.getShell().setSize(1500, 950);
        view = (ActivationView) page.showView(ViewIds.ACTIVATIONS);
        Path sample = Samples.model();
        // The application opens the sample on first start, in a Job of its own: wait for it, so that
        // its late arrival cannot replace the model under a test. Other test classes open other models.
        waitFor(() -> view.currentProvider().isPresent() && openerIdle(), 30_000, null);
        if (!sampleOpen(sample)) {
            ModelOpener.open(window, sample);
            waitFor(() -> sampleOpen(sample) && openerIdle(), 30_000, "the sample model in the Activation view");
        }
        InWorkbench.flush();
    }

    private static boolean openerIdle() {
        return Job.getJobManager().find(ModelOpener.FAMILY).length == 0;
    }

    private boolean sampleOpen(Path sample) {
        return view.currentProvider().map(p -> p.model().file().getFileName().equals(sample.getFileName()))
                .orElse(false);
    }

    @Test
    void computeOpenTheGridHoverClickExportAndCompare() throws Exception {
        Layer conv = view.currentProvider().orElseThrow().layer("conv2d_1").orElseThrow();
        String via = selectInGraph(conv);
        assertEquals(List.of("conv2d_1"), view.checkedLayers().stream().map(Layer::id).toList(),
                "the checked layers follow the graph (" + via + ")");

        view.setInputFile(Samples.three(0));
        computeAndWait();
        LayerRow row = run().row("conv2d_1").orElseThrow();
        assertArrayEquals(new int[] { 1, 26, 26, 32 }, row.shape());
        Screenshots.save(window.getShell(), "activation-view");

        GridEditor grid = (GridEditor) view.openGrid("conv2d_1", false);
        assertNotNull(grid);
        waitFor(() -> grid.model() != null && grid.lastShowNanos() >= 0, 10_000, "the grid painted");
        ModelEditor shownGraph = graphOf(view.currentProvider().map(ActivationProvider::model).orElseThrow());
        assertFalse(EditorPlacement.coversAGraph(grid), "the grid opens beside the graph, not over it");
        assertTrue(page.isPartVisible(shownGraph) && page.isPartVisible(grid), "graph and grid both visible");
        Tensor t = run().output("conv2d_1").orElseThrow();
        ChannelGrid shown = grid.model().grid();
        ChannelGrid expected = ChannelGridRenderer.render(t, grid.model().options());
        assertEquals(32, shown.tileCount(), "a tile per channel");
        assertEquals(t.dim(3), shown.tileCount());
        assertEquals(expected.flaggedCount(), shown.flaggedCount(), "flagged tiles as the renderer reports");
        assertEquals(expected.deadCount(), shown.deadCount());
        assertEquals(expected.image(), shown.image());
        assertTrue(grid.summaryText().contains(shown.deadCount() + " dead"), grid.summaryText());
        assertScreenShowsGrid(grid.canvas(), shown);
        Screenshots.save(window.getShell(), "grid-editor");

        GridGeometry g = shown.geometry();
        // below 1:1 some image pixels have no screen pixel of their own; hover at actual size
        grid.canvas().actualSize();
        Rectangle px = grid.canvas().toCanvas(g.tileX(5) + 10, g.tileY(5) + 12, 1, 1);
        int cx = px.x + px.width / 2;
        int cy = px.y + px.height / 2;
        mouse(grid.canvas(), SWT.MouseMove, cx, cy);
        assertTrue(grid.hoverText().startsWith("channel 5 \u00b7 row 12, column 10"), grid.hoverText());
        mouse(grid.canvas(), SWT.MouseDown, cx, cy);
        mouse(grid.canvas(), SWT.MouseUp, cx, cy);
        Shell channel = waitForShell("conv2d_1 \u00b7 channel 5");
        Screenshots.save(channel, "channel-plot");
        channel.close();

        Path out = Path.of(System.getProperty("convscope.screenshots", "target/screenshots")).resolve("exports");
        Files.createDirectories(out);
        grid.model().exportPng(out.resolve("conv2d_1.png"));
        grid.model().exportNpy(out.resolve("conv2d_1.npy"));
        ImageData png = new ImageLoader().load(out.resolve("conv2d_1.png").toString())[0];
        assertEquals(g.width(), png.width);
        assertEquals(g.height(), png.height);
        Tensor back = Npy.read(out.resolve("conv2d_1.npy"));
        assertArrayEquals(t.shape(), back.shape());
        assertArrayEquals(t.data(), back.data());

        measureClickToGrid(grid);

        CompareEditor compare = (CompareEditor) view.openCompare(List.of(Samples.three(0), Samples.three(1)),
                "conv2d_1");
        waitFor(() -> compare.model() != null, 20_000, "the comparison");
        assertTrue(page.isPartVisible(shownGraph), "the comparison leaves the graph visible too");
        assertEquals(3, compare.panes().size(), "two inputs and their difference");
        assertEquals(NormalizationScope.SHARED, compare.model().grids().get(0).scope());
        assertEquals(32, compare.model().ranking().size());
        assertEquals(32, compare.model().differenceGrid().tileCount());
        compare.panes().get(0).zoomBy(2.0);
        assertEquals(compare.panes().get(0).zoom(), compare.panes().get(1).zoom(), "zoom follows");
        assertEquals(compare.panes().get(0).origin(), compare.panes().get(2).origin(), "scroll follows");
        compare.panes().get(0).fit();
        compare.showLayer("conv2d_2");
        assertEquals(64, compare.model().grids().get(1).tileCount(), "the layer switches in place");
        compare.showLayer("conv2d_1");
        Screenshots.save(window.getShell(), "compare-editor");

        PreferenceDialog prefs = PreferencesUtil.createPreferenceDialogOn(window.getShell(),
                "org.convscope.ui.prefs.page", null, null);
        prefs.setBlockOnOpen(false);
        prefs.open();
        Screenshots.save(prefs.getShell(), "preferences");
        prefs.close();
    }

    @Test
    void aBadImageIsReportedAndTheViewGoesOn() throws Exception {
        Path bad = Files.createTempFile("broken", ".png");
        Files.writeString(bad, "this is not a PNG");
        view.setInputFile(bad);
        computeAndWait();
        assertTrue(view.statusText().startsWith(bad.getFileName().toString()), view.statusText());
        Screenshots.save(window.getShell(), "bad-image");
        view.setInputFile(Samples.three(1));
        computeAndWait();
        assertTrue(run().row("conv2d_1").orElseThrow().ok(), "the next input works");
    }

    /** A model whose input is no image (here a Conv1D sequence) says so as it opens, before Compute. */
    @Test
    void aModelThatTakesNoImageSaysSoWhenItOpens() throws Exception {
        Path sequence = TestModels.fixture("conv1d_sequence.keras");
        ModelOpener.open(window, sequence);
        waitFor(() -> view.currentProvider().map(p -> p.model().file().getFileName().equals(sequence.getFileName()))
                .orElse(false) && openerIdle(), 30_000, "the Conv1D model in the Activation view");
        InWorkbench.flush();
        // the analysis layer's one message, as the command line prints it
        assertEquals("conv1d_sequence: takes [(None, 32, 2)] as input, not one image; give its input as a .npy"
                + " tensor", view.statusText());
    }

    /**
     * The layer list is a virtual table whose rows SWT reuses from model to model: a layer ticked
     * in one model leaves no tick, and no blank row, in the next.
     */
    @Test
    void ticksDoNotOutliveTheirModel() throws Exception {
        view.layersSelected(List.of(view.currentProvider().orElseThrow().layer("conv2d_1").orElseThrow()));
        InWorkbench.flush();
        assertEquals(List.of("conv2d_1"), view.checkedLayers().stream().map(Layer::id).toList());
        Path other = TestModels.fixture("functional_branches.keras");
        ModelOpener.open(window, other);
        waitFor(() -> view.currentProvider().map(p -> p.model().file().equals(other)).orElse(false) && openerIdle(),
                30_000,
                "the other model in the Activation view");
        InWorkbench.flush();
        assertEquals(List.of(), view.checkedLayers());
        Table table = view.layerChecklist().viewer().getTable();
        List<Layer> layers = view.currentProvider().orElseThrow().layers();
        for (int i = 0; i < Math.min(6, layers.size()); i++) {
            TableItem row = table.getItem(i);
            assertFalse(row.getChecked(), "row " + i + " unticked");
            assertTrue(row.getText().startsWith(layers.get(i).id()), "row " + i + ": " + row.getText());
        }
        view.layersSelected(List.of(layers.get(1)));
        InWorkbench.flush();
        assertTrue(table.getItem(1).getChecked());
        assertTrue(table.getItem(1).getText().startsWith(layers.get(1).id()), table.getItem(1).getText());
        assertFalse(table.getItem(0).getChecked());
    }

    /** Selects {@code layer} through its model's editor when it offers a selection, else as the graph would. */
    /**
     * Results open beside the graphs and models among them: a grid opened from a graph leaves the
     * graph visible, and a model opened while the grid has the focus becomes a tab of the graphs,
     * leaving the grid visible.
     */
    @Test
    void gridsOpenBesideTheGraphAndModelsAmongTheGraphs(@TempDir Path dir) throws Exception {
        view.setInputFile(Samples.three(0));
        computeAndWait();
        ModelEditor graph = graphOf(view.currentProvider().map(ActivationProvider::model).orElseThrow());
        GridEditor grid = (GridEditor) view.openGrid("conv2d_2", false);
        assertNotNull(grid);
        assertFalse(EditorPlacement.coversAGraph(grid), "the grid is not in the graph's stack");
        assertTrue(page.isPartVisible(graph), "the graph stays visible");
        assertTrue(page.isPartVisible(grid), "the grid is visible");
        page.activate(grid);

        Path other = Files.copy(Samples.model(), dir.resolve("beside.keras"));
        ModelEditor second = ModelEditors.open(window, other);
        try {
            assertTrue(page.isPartVisible(second), "the new model is shown");
            assertTrue(page.isPartVisible(grid), "the grid was not covered by the new model");
            assertFalse(EditorPlacement.coversAGraph(grid), "the new model joined the graphs' stack");
            Screenshots.save(window.getShell(), "grid-beside-graph");
        } finally {
            page.closeEditor(second, false);
            page.closeEditor(grid, false);
            InWorkbench.flush();
        }
    }

    private ModelEditor graphOf(OpenModel shown) {
        return ModelEditors.all(page).stream().map(r -> r.getEditor(false))
                .filter(e -> e instanceof ModelEditor m && m.model() == shown).map(ModelEditor.class::cast)
                .findFirst().orElse(null);
    }

    private String selectInGraph(Layer layer) {
        ModelEditor graph = graphOf(view.currentProvider().map(ActivationProvider::model).orElse(null));
        ISelectionProvider p = graph == null ? null : graph.getSite().getSelectionProvider();
        if (p != null) {
            page.activate(graph);
            p.setSelection(new StructuredSelection(layer));
            BooleanSupplier followed = () -> view.checkedLayers().stream().map(Layer::id).toList()
                    .equals(List.of(layer.id()));
            waitFor(followed, 2_000, null);
            if (followed.getAsBoolean()) {
                return "graph view selection";
            }
        }
        view.layersSelected(List.of(layer));
        return "direct call: the graph view published no selection";
    }

    /**
     * Selecting a layer with a computed run shows its grid in the open editor: the time from the
     * selection to the grid painted, the responsiveness figure of the workbench issue.
     */
    private void measureClickToGrid(GridEditor grid) throws Exception {
        String[] layers = { "conv2d_2", "max_pooling2d_1", "conv2d_3", "conv2d_1", "max_pooling2d_2", "conv2d_2" };
        List<Double> graph = new ArrayList<>();
        List<Double> view = new ArrayList<>();
        List<Double> editor = new ArrayList<>();
        String via = "";
        for (String id : layers) {
            Layer l = this.view.currentProvider().orElseThrow().layer(id).orElseThrow();
            long t0 = System.nanoTime();
            via = selectInGraph(l);
            waitFor(() -> id.equals(grid.gridInput().layerId()) && grid.lastShowNanos() >= 0, 5_000, "grid of " + id);
            graph.add((System.nanoTime() - t0) / 1e6);
        }
        // the same without the other parts' selection listeners (graph highlight, Properties)
        for (String id : layers) {
            Layer l = this.view.currentProvider().orElseThrow().layer(id).orElseThrow();
            long t0 = System.nanoTime();
            this.view.layersSelected(List.of(l));
            waitFor(() -> id.equals(grid.gridInput().layerId()) && grid.lastShowNanos() >= 0, 5_000, "grid of " + id);
            view.add((System.nanoTime() - t0) / 1e6);
            editor.add(grid.lastShowNanos() / 1e6);
        }
        String report = "click-to-grid, bundled sample, run cached (ms):\n"
                + "  selection in the graph view -> grid painted: " + median(graph) + " median of " + graph + " (" + via
                + ")\n  Activation view handling -> grid painted:     " + median(view) + " median of " + view
                + "\n  grid editor load + render + paint:            " + median(editor) + " median of " + editor;
        System.out.println(report);
        Path dir = Path.of(System.getProperty("convscope.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("click-to-grid.txt"), report + "\n");
    }

    private static double median(List<Double> ms) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return Math.round(sorted[sorted.length / 2] * 10) / 10.0;
    }

    /** The canvas's pixels at a few tile centres are the grid image's colours. */
    private void assertScreenShowsGrid(ZoomCanvas canvas, ChannelGrid grid) {
        Rectangle b = canvas.control().getClientArea();
        Image shot = new Image(display, b.width, b.height);
        GC gc = new GC(canvas.control());
        try {
            gc.copyArea(shot, 0, 0);
            ImageData data = shot.getImageData();
            GridGeometry g = grid.geometry();
            int checked = 0;
            for (int c : new int[] { 0, 7, 31 }) {
                int x = g.tileX(c) + g.tilePixelWidth() / 2;
                int y = g.tileY(c) + g.tilePixelHeight() / 2;
                Rectangle r = canvas.toCanvas(x, y, 1, 1);
                int cx = r.x + r.width / 2;
                int cy = r.y + r.height / 2;
                if (cx < 0 || cy < 0 || cx >= b.width || cy >= b.height) {
                    continue;
                }
                RGB screen = data.palette.getRGB(data.getPixel(cx, cy));
                int p = grid.image().pixel(x, y);
                assertEquals(new RGB(p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF), screen, "channel " + c + " on screen");
                checked++;
            }
            assertTrue(checked > 0, "some tile is visible");
        } finally {
            gc.dispose();
            shot.dispose();
        }
    }

    /** Computes the current input and waits until the view shows its rows or an error. */
    private void computeAndWait() {
        String before = view.statusText();
        view.compute();
        // the Job's outcome reaches the view through asyncExec, after the Job is gone
        waitFor(() -> Job.getJobManager().find(ActivationView.class).length == 0 && !view.statusText().equals(before),
                60_000, "the compute job's outcome in the view");
        InWorkbench.flush();
    }

    private ActivationRun run() {
        return view.run().orElseThrow(() -> new AssertionError("no run; the view says: " + view.statusText()));
    }

    private void mouse(ZoomCanvas canvas, int type, int x, int y) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.button = type == SWT.MouseMove ? 0 : 1;
        e.stateMask = type == SWT.MouseUp ? SWT.BUTTON1 : 0;
        canvas.control().notifyListeners(type, e);
    }

    private Shell waitForShell(String title) {
        Shell[] found = new Shell[1];
        waitFor(() -> {
            found[0] = Arrays.stream(display.getShells()).filter(s -> title.equals(s.getText())).findFirst()
                    .orElse(null);
            return found[0] != null;
        }, 5_000, "the window " + title);
        return found[0];
    }

    /** Runs the event loop until {@code done}; fails after {@code timeoutMs} unless {@code what} is null. */
    private void waitFor(BooleanSupplier done, long timeoutMs, String what) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                if (what != null) {
                    fail("timed out waiting for " + what);
                }
                return;
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> {
                });
                display.sleep();
            }
        }
    }
}
