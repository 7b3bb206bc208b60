package org.convscope.ui.tests.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.ui.ComputedActivations;
import org.convscope.ui.ComputedActivations.LayerActivity;
import org.convscope.ui.LoadedModels;
import org.convscope.ui.ModelEvents;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.graph.GraphExport;
import org.convscope.ui.graph.GraphLayoutJob;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.open.ErrorReporter;
import org.convscope.ui.open.RecentModels;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.convscope.ui.tests.PropertyTexts;
import org.convscope.ui.tests.Screenshots;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model editor and the Properties view in the running product: opening models, the graph's
 * boxes, selection reaching the workbench, errors, export and screenshots.
 */
@ExtendWith(InWorkbench.class)
class ModelEditorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private ModelEditor view;
    private final List<String> errors = new ArrayList<>();
    private ErrorReporter previous;

    @BeforeEach
    void setUp() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        window.getShell().setSize(1400, 900);
        previous = ModelOpener.setErrorReporter((w, file, message, cause) -> errors.add(message));
    }

    @AfterEach
    void tearDown() throws Exception {
        ModelOpener.setErrorReporter(previous);
        ModelEditors.closeAllBut(window, TestModels.sample());
    }

    /** Opens a file and waits until its editor is active and shows its laid out graph. */
    private OpenModel open(Path file) {
        view = ModelEditors.open(window, file);
        return view.model();
    }

    @Test
    void sampleOpensWithOneBoxPerLayerAndSelectionReachesTheWorkbench() throws Exception {
        Path sample = TestModels.sample();
        OpenModel model = open(sample);
        ModelGraph graph = model.graph();
        LaidOutGraph laid = view.canvas().graph();
        assertEquals(graph.layers().size(), laid.boxes().size(), "one box per layer");
        assertEquals(sample, RecentModels.list().get(0), "remembered as the most recent model");
        // the title follows the same event as the graph, on its own turn of the event loop
        InWorkbench.waitUntil(() -> window.getShell().getText().contains(sample.getFileName().toString()), TIMEOUT,
                "the window title to name the model");
        shot("graph-sample");

        // No layer selected: the Properties view lists the model.
        page.activate(view);
        PropertySheet sheet = (PropertySheet) page.showView(IPageLayout.ID_PROP_SHEET);
        page.activate(view);
        view.getSite().getSelectionProvider().setSelection(StructuredSelection.EMPTY);
        try {
            InWorkbench.waitUntil(() -> PropertyTexts.of(sheet).stream().anyMatch(t -> t.contains("KERAS_V3")), TIMEOUT,
                    "model properties");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the sheet shows " + PropertyTexts.of(sheet) + " for "
                    + page.getActivePart().getTitle(), e);
        }

        Layer conv = graph.layers().stream().filter(l -> l.kerasClass().equals("Conv2D")).findFirst().orElseThrow();
        view.getSite().getSelectionProvider().setSelection(new StructuredSelection(conv));
        InWorkbench.waitUntil(() -> {
            ISelection s = window.getSelectionService().getSelection();
            return s instanceof IStructuredSelection ss && ss.getFirstElement() == conv;
        }, TIMEOUT, "the selection service to see the conv layer");
        assertEquals(List.of(conv.id()), List.copyOf(view.canvas().selection()));
        InWorkbench.waitUntil(() -> PropertyTexts.of(sheet).contains("Conv2D")
                && PropertyTexts.of(sheet).stream().anyMatch(t -> t.startsWith("(3, 3")), TIMEOUT, "layer properties");
        List<String> shown = PropertyTexts.of(sheet);
        assertTrue(shown.contains("kernel") || shown.contains("0"), "a weight row: " + shown);
        assertTrue(shown.contains("Sparsity (zeros)"), "weight statistics: " + shown);
        long until = System.currentTimeMillis() + 1000;
        InWorkbench.waitUntil(() -> System.currentTimeMillis() > until, TIMEOUT, "the window to paint");
        Screenshots.save(window.getShell(), "workbench-conv-selected");
    }

    @Test
    void propertiesFollowAModelOpenedWhileTheGraphIsNotActive() throws Exception {
        Path sample = TestModels.sample();
        open(sample);
        page.activate(view);
        PropertySheet sheet = (PropertySheet) page.showView(IPageLayout.ID_PROP_SHEET);
        page.activate(view);
        view.getSite().getSelectionProvider().setSelection(StructuredSelection.EMPTY);
        InWorkbench.waitUntil(() -> PropertyTexts.of(sheet).contains(sample.toString()), TIMEOUT,
                "the sample's properties");

        // the person is reading the properties (the view has the focus) when the next model opens
        page.activate(sheet);
        Path next = TestModels.fixture("functional_branches.keras");
        open(next);
        try {
            InWorkbench.waitUntil(() -> PropertyTexts.of(sheet).contains(next.toString()), TIMEOUT,
                    "the properties of the model opened last");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the sheet shows " + PropertyTexts.of(sheet), e);
        } finally {
            page.activate(view);
        }
    }

    @Test
    void aRunPutsRealShapesOnEdgesAndStatisticsOnBoxes() throws Exception {
        OpenModel model = open(TestModels.sample());
        Layer conv = model.graph().layers().stream().filter(l -> l.kerasClass().equals("Conv2D")).findFirst()
                .orElseThrow();
        LayerActivity activity = new LayerActivity(new int[] { 1, 26, 26, 32 }, 0.125, 2.5, 0.42, 3, 32);
        IEventBroker broker = window.getService(IEventBroker.class);
        broker.post(ModelEvents.ACTIVATIONS_COMPUTED,
                new ComputedActivations(model, List.of(), Map.of(conv.id(), activity)));
        // the editor may show the statistics of an earlier run: wait for this run's
        InWorkbench.waitUntil(() -> {
            LaidOutGraph g = view.canvas().graph();
            return g != null && String.valueOf(g.model().node(conv.id()).stats()).contains("3/32 dead")
                    && g.paths().stream().anyMatch(p -> p.edge().source().equals(conv.id()) && p.edge().measured());
        }, TIMEOUT, "statistics on the conv box");
        assertTrue(view.canvas().graph().model().node(conv.id()).stats().contains("3/32 dead"));
        assertTrue(view.canvas().graph().paths().stream().anyMatch(p -> p.edge().source().equals(conv.id())
                && p.edge().measured() && p.label().text().equals("(1, 26, 26, 32)")), "the real shape on its edge");
        view.canvas().setZoom(1);
        view.canvas().reveal(conv.id());
        shot("graph-sample-after-run");
    }

    @Test
    void malformedFileIsReportedAndTheWorkbenchGoesOn(@TempDir Path dir) throws Exception {
        OpenModel before = open(TestModels.sample());
        Path bad = dir.resolve("x.h5");
        Files.write(bad, "this is not a model, just some garbage bytes".getBytes());
        ModelOpener.open(window, bad);
        InWorkbench.waitUntil(() -> !errors.isEmpty(), TIMEOUT, "the error report");
        assertTrue(errors.get(0).contains("x.h5"), "names the file: " + errors.get(0));
        assertSame(view, page.getActiveEditor(), "the previous model's editor stays active");
        assertSame(before, ModelOpener.current());
        assertNull(ModelEditors.find(page, bad), "no editor for the bad file");

        OpenModel next = open(TestModels.fixture("functional_branches.keras"));
        assertEquals("functional_branches.keras", next.fileName());
        // the title follows the same event as the graph, on its own turn of the event loop
        InWorkbench.waitUntil(() -> window.getShell().getText().contains("functional_branches.keras"), TIMEOUT,
                "the window title to name the model");
    }

    /**
     * A {@code .keras} archive's graph is shown before its weights are walked; when the walk then
     * finds them damaged (or found it before the graph was built), the person is told once, naming
     * the file, no editor stays on it, the model leaves the cache and the workbench goes on.
     */
    @Test
    void damagedWeightsInAnArchiveAreReportedAndNoEditorStays(@TempDir Path dir) throws Exception {
        OpenModel before = open(TestModels.sample());
        Path bad = damagedWeights(TestModels.fixture("functional_branches.keras"), dir.resolve("damaged.keras"));
        ModelOpener.open(window, bad);
        InWorkbench.waitUntil(() -> !errors.isEmpty(), TIMEOUT, "the error report");
        InWorkbench.waitUntil(() -> ModelEditors.find(page, bad) == null, TIMEOUT, "no editor on the damaged file");
        Job.getJobManager().join(ModelOpener.FAMILY, null);
        InWorkbench.waitUntil(() -> ModelOpener.current() == before, TIMEOUT, "the previous model shown again");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("damaged.keras: model.weights.h5: "), errors.get(0));
        assertTrue(LoadedModels.shared().acquireLoaded(bad).isEmpty(), "the damaged model left the cache");

        OpenModel next = open(TestModels.fixture("functional_branches.keras"));
        assertEquals("functional_branches.keras", next.fileName());
    }

    /**
     * A copy of {@code archive} whose weights file is noise in its last tenth: the walk usually
     * finds that after the graph is built (the editor then closes), sometimes before.
     */
    private static Path damagedWeights(Path archive, Path out) throws IOException {
        try (ZipFile in = new ZipFile(archive.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("model.weights.h5")) {
                    for (int i = bytes.length * 9 / 10; i < bytes.length; i++) {
                        bytes[i] = (byte) (i * 31 + 7);
                    }
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out;
    }

    @Test
    void graphsWithBranchesAndNestedModelsExportAndScreenshot(@TempDir Path dir) throws Exception {
        open(TestModels.fixture("functional_branches.keras"));
        shot("graph-functional-branches");

        OpenModel nested = open(TestModels.fixture("two_inputs_two_outputs.keras"));
        shot("graph-nested-collapsed");
        int collapsed = view.canvas().graph().boxes().size();
        view.setAllExpanded(true);
        InWorkbench.waitUntil(() -> !view.canvas().graph().frames().isEmpty(), TIMEOUT, "the expanded layout");
        assertTrue(view.canvas().graph().boxes().size() > collapsed);
        view.canvas().fit();
        shot("graph-nested-expanded");

        LaidOutGraph laid = view.canvas().graph();
        Path png = dir.resolve("graph.png");
        double scale = GraphExport.png(view.canvas().control().getDisplay(), laid, png);
        assertEquals(2.0, scale);
        ImageData data = new ImageLoader().load(png.toString())[0];
        assertEquals((int) Math.ceil(laid.width() * 2), data.width);
        Path svg = dir.resolve("graph.svg");
        GraphExport.svg(laid, svg);
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml") && text.contains("meta_encoder"), "SVG written");
        Files.copy(png, Path.of(System.getProperty("convscope.screenshots", "target/screenshots"), "export-nested.png"),
                StandardCopyOption.REPLACE_EXISTING);

        view.setLeftRight(true);
        InWorkbench.waitUntil(() -> view.canvas().graph() != null && view.canvas().graph().leftRight(), TIMEOUT,
                "the left-right layout");
        shot("graph-nested-left-right");
        view.setLeftRight(false);
        assertNotNull(nested);
    }

    /**
     * A layout that takes a while replaces the graph of the model open before with a line saying
     * what is laid out, runs as a job the status bar shows, and a cancel leaves a line saying so.
     * A large model opens folded and fast now (issue 17), so the long layout is a new direction for
     * a 20,000-layer model with every group unfolded: every interior is laid out anew.
     */
    @Test
    void aLongLayoutIsAnnouncedAndItsCancelSaysSo(@TempDir Path dir) throws Exception {
        open(TestModels.sample());
        Path big = dir.resolve("synthetic20000.json");
        Files.writeString(big, TestModels.syntheticConfig(20_000));
        open(big);
        LaidOutGraph folded = view.canvas().graph();
        view.setAllExpanded(true);
        InWorkbench.waitUntil(() -> view.canvas().graph() != folded && view.canvas().graph() != null
                && view.canvas().graph().boxes().size() == 20_000, TIMEOUT, "every group unfolded");
        // The layout is held back (the job manager starts no job while suspended), so that it is
        // still pending when its announcement is due on every machine, however fast.
        Job.getJobManager().suspend();
        try {
            view.setLeftRight(true);
            InWorkbench.waitUntil(() -> view.canvas().message() != null, TIMEOUT,
                    "the layout announced in the editor");
            assertNull(view.canvas().graph(), "the graph of the other direction is no longer shown");
            assertTrue(view.canvas().message().contains("synthetic20000.json (20000 layers)"),
                    view.canvas().message());
            Job[] layouts = Job.getJobManager().find(GraphLayoutJob.FAMILY);
            assertEquals(1, layouts.length, "one layout");
            assertFalse(layouts[0].isSystem(), "a layout this large is shown in the status bar's progress");
            shot("graph-layout-pending");
            layouts[0].cancel();
            InWorkbench.waitUntil(() -> String.valueOf(view.canvas().message()).contains("cancelled"), TIMEOUT,
                    "the cancel told in the editor");
            assertNull(view.canvas().graph());
            assertTrue(errors.isEmpty(), errors.toString());
        } finally {
            Job.getJobManager().resume();
            view.setLeftRight(false);
        }
        // opening the file again brings its editor to the front, with the graph shown again
        ModelEditor cancelled = view;
        view.setAllExpanded(false);
        open(big);
        assertSame(cancelled, view, "the same editor");
        assertNull(view.canvas().message(), "a graph shown again replaces the line");
    }

    /**
     * A layer selected while a layout runs (here at once, before the layout that unfolds every
     * group of a 20,000-layer model is shown) is the selection of the graph that layout produces,
     * though it was folded away in the graph shown when it was selected.
     */
    @Test
    void aLayerSelectedDuringTheLayoutStaysSelected(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("synthetic20000.json");
        Files.writeString(big, TestModels.syntheticConfig(20_000));
        open(big);
        Layer chosen = view.model().graph().layers().get(1234);
        view.setAllExpanded(true);
        assertFalse(shows(chosen), "the layout still runs");
        view.getSite().getSelectionProvider().setSelection(new StructuredSelection(chosen));
        InWorkbench.waitUntil(() -> shows(chosen), TIMEOUT, "the laid out graph");
        assertEquals(Set.of(chosen.id()), view.canvas().selection(), "the canvas keeps the selection");
        InWorkbench.waitUntil(() -> {
            ISelection s = window.getSelectionService().getSelection();
            return s instanceof IStructuredSelection ss && ss.getFirstElement() == chosen;
        }, TIMEOUT, "the selection service to see the chosen layer");
    }

    private boolean shows(Layer layer) {
        LaidOutGraph g = view.canvas().graph();
        return g != null && g.model().node(layer.id()) != null && g.model().node(layer.id()).layer() == layer;
    }

    /** Saves what the canvas paints (Screenshots.printed: the paint code, not the screen). */
    private void shot(String name) throws Exception {
        Screenshots.printed(view.canvas().control(), name);
    }
}
