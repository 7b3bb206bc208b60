package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.convscope.core.model.Layer;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.convscope.ui.ViewIds;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.editor.ModelEditorInput;
import org.convscope.ui.graph.GraphCanvas;
import org.convscope.ui.graph.GraphLayout;
import org.convscope.ui.graph.GraphLayoutJob;
import org.convscope.ui.graph.GraphModel;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.LaidOutGraph.Box;
import org.convscope.ui.graph.NodeGeometry;
import org.convscope.ui.grid.GridEditor;
import org.convscope.ui.open.ErrorReporter;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.tests.graph.TestModels;
import org.convscope.ui.views.ActivationView;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.ScrollBar;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The workbench's responsiveness figures, measured in the real workbench under Xvfb: a click on a
 * conv layer in the graph until its grid is painted (bundled sample, run cached), opening VGG16
 * until its graph is painted, DenseNet121's layout, and a 10,000-layer model (issue 17): opening it
 * until its first frame is painted, and pan and zoom frames on it.
 * Not a test: it asserts no times, and it lives in a fragment of the UI tests (for their harness)
 * that only the Maven profile {@code -Pbenchmarks} builds.
 * {@code releng/benchmarks/workbench_responsiveness.sh} runs it with {@code -Dtest=} and prints
 * the figures it writes to {@code responsiveness.txt} beside the screenshots.
 *
 * <p>Environment: {@code CONVSCOPE_BENCH_VGG16} (the VGG16 file, default
 * {@code /tmp/convscope-bench/vgg16.h5}), {@code CONVSCOPE_BENCH_10K} (the 10,000-layer model,
 * default {@code /tmp/convscope-bench/big10000.keras}), {@code CONVSCOPE_BENCH_ROUNDS} (clicks per layer and
 * model opens, default 5), {@code CONVSCOPE_BENCH_PROFILE=1} (also sample the UI thread and list
 * where its time goes, in a separate pass that is not timed).
 */
@ExtendWith(InWorkbench.class)
class ResponsivenessBenchmark {

    private static final String[] CONV_LAYERS = { "conv2d_1", "conv2d_2", "conv2d_3" };
    /** Pan frames, then zoom frames, timed on the 10,000-layer graphs. */
    private static final int FRAMES = 60;

    private final List<String> report = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final int rounds = Integer.parseInt(env("CONVSCOPE_BENCH_ROUNDS", "5"));
    private final boolean profile = "1".equals(System.getenv("CONVSCOPE_BENCH_PROFILE"));
    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private Display display;
    private ActivationView activationView;
    private ErrorReporter previousReporter;

    @BeforeEach
    void setUp() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        display = window.getShell().getDisplay();
        window.getShell().setBounds(0, 0, 1500, 950);
        window.getShell().forceActive();
        activationView = (ActivationView) page.showView(ViewIds.ACTIVATIONS);
        page.showView(IPageLayout.ID_PROP_SHEET, null, IWorkbenchPage.VIEW_VISIBLE);
        previousReporter = ModelOpener.setErrorReporter((w, file, message, cause) -> errors.add(message));
        // the application opens the sample in a job of its own at start-up
        spin(() -> ModelOpener.current() != null && openerIdle(), 60_000, "the start-up model");
    }

    @AfterEach
    void tearDown() {
        ModelOpener.setErrorReporter(previousReporter);
    }

    @Test
    void measure() throws Exception {
        line("Convscope workbench responsiveness, " + Instant.now() + ", load average "
                + loadAverage() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        firstOpenOfTenThousand();
        try {
            clickToGrid();
        } catch (AssertionError e) {
            // A click that produced no grid is said, not hidden, and the other steps still run.
            line("click to grid: NOT MEASURED: " + e.getMessage());
        }
        openVgg16();
        denseNet121();
        tenThousandLayers();
        assertTrue(errors.isEmpty(), "opening errors: " + errors);
        line("load average at the end: " + loadAverage());
        Path dir = Path.of(System.getProperty("convscope.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve("responsiveness.txt"), report);
    }

    // ---- click on a conv layer in the graph -> its grid painted --------------------------------

    private void clickToGrid() throws Exception {
        Path sample = Samples.model();
        OpenModel model = openAndWait(sample);
        activationView.setInputFile(Samples.three(0));
        String before = activationView.statusText();
        activationView.compute();
        spin(() -> Job.getJobManager().find(ActivationView.class).length == 0
                && !activationView.statusText().equals(before), 120_000, "the sample's forward pass");
        assertTrue(activationView.run().isPresent(), activationView.statusText());
        GridEditor grid = (GridEditor) activationView.openGrid(CONV_LAYERS[0], false);
        assertNotNull(grid);
        spin(() -> grid.lastShowNanos() >= 0, 10_000, "the first grid");
        page.activate(graphView());
        settle();

        AtomicReference<String> expected = new AtomicReference<>();
        AtomicLong paintedAt = new AtomicLong();
        GraphCanvas canvas = graphView().canvas();
        Listener painted = e -> {
            if (paintedAt.get() == 0 && expected.get() != null && expected.get().equals(grid.gridInput().layerId())
                    && grid.model() != null) {
                paintedAt.set(System.nanoTime());
            }
        };
        grid.canvas().control().addListener(SWT.Paint, painted);
        List<Double> warmup = new ArrayList<>();
        List<Double> timed = new ArrayList<>();
        double worstWait = 0;
        try {
            for (int r = -1; r < rounds; r++) {
                for (int i = 1; i <= CONV_LAYERS.length; i++) {
                    String id = CONV_LAYERS[i % CONV_LAYERS.length];
                    expected.set(id);
                    paintedAt.set(0);
                    long downAt;
                    try (UiThreadProbe probe = new UiThreadProbe(display, false)) {
                        downAt = click(canvas, model, id);
                        spin(() -> paintedAt.get() != 0, 10_000, null);
                        worstWait = Math.max(worstWait, probe.worstWaitMs());
                    }
                    if (paintedAt.get() == 0) {
                        Screenshots.save(window.getShell(), "bench-click-failed");
                        throw new AssertionError("no grid of " + id + " after a click: graph selection "
                                + canvas.selection() + ", checked "
                                + activationView.checkedLayers().stream().map(Layer::id).toList() + ", grid shows "
                                + grid.gridInput().layerId());
                    }
                    (r < 0 ? warmup : timed).add((paintedAt.get() - downAt) / 1e6);
                    settle();
                }
            }
            line("");
            line("Click on a conv layer in the Model Graph -> its grid painted (bundled sample, run cached; "
                    + "from the canvas's mouse-down event to the end of the grid editor's paint), ms:");
            line("  median " + ms(median(timed)) + " of " + timed.size() + " clicks, range " + ms(min(timed)) + " .. "
                    + ms(max(timed)) + "  " + list(timed));
            line("  first click on each layer " + list(warmup) + "; worst wait of a UI event meanwhile "
                    + ms(worstWait));
            if (profile) {
                try (UiThreadProbe probe = new UiThreadProbe(display, true)) {
                    for (int i = 1; i <= 3 * CONV_LAYERS.length; i++) {
                        String id = CONV_LAYERS[i % CONV_LAYERS.length];
                        expected.set(id);
                        paintedAt.set(0);
                        click(canvas, model, id);
                        spin(() -> paintedAt.get() != 0, 10_000, "the grid of " + id);
                        settle();
                    }
                    line("  profile of " + 3 * CONV_LAYERS.length + " more clicks (not timed):");
                    probe.hotMethods(60).forEach(this::line);
                }
            }
        } finally {
            if (!grid.canvas().control().isDisposed()) {
                grid.canvas().control().removeListener(SWT.Paint, painted);
            }
        }
        Screenshots.save(window.getShell(), "bench-click-to-grid");
    }

    /**
     * Clicks the layer's box: the MouseDown and MouseUp events SWT delivers for a click, sent to
     * the canvas. (A real click through the X server, {@code Display.post}, reaches the canvas under
     * Xvfb without a window manager at the shell's origin instead of the pointer's position.)
     *
     * @return when the mouse-down event was delivered, in {@link System#nanoTime()}
     */
    private long click(GraphCanvas canvas, OpenModel model, String layerId) {
        LaidOutGraph g = canvas.graph();
        assertEquals(model.graph().layers().get(0), g.model().nodes().get(0).layer(), "the graph shows the sample");
        Box b = g.boxesById().get(layerId);
        assertNotNull(b, layerId);
        Point p = canvas.toControl(b.x() + b.w() / 2, b.y() + Math.min(b.h() / 2, 10));
        Event down = new Event();
        down.x = p.x;
        down.y = p.y;
        down.button = 1;
        Event up = new Event();
        up.x = p.x;
        up.y = p.y;
        up.button = 1;
        up.stateMask = SWT.BUTTON1;
        long t0 = System.nanoTime();
        canvas.control().notifyListeners(SWT.MouseDown, down);
        canvas.control().notifyListeners(SWT.MouseUp, up);
        return t0;
    }

    // ---- open VGG16 -> graph painted ------------------------------------------------------------

    private void openVgg16() throws Exception {
        Path vgg = Path.of(env("CONVSCOPE_BENCH_VGG16", "/tmp/convscope-bench/vgg16.h5"));
        line("");
        if (!Files.isRegularFile(vgg)) {
            line("Open VGG16: skipped, " + vgg + " is missing (releng/benchmarks/make_models.py makes it)");
            return;
        }
        Path sample = Samples.model();
        List<Opening> opens = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            openAndWait(sample);
            settle();
            opens.add(timedOpen(vgg, false));
        }
        line("Open VGG16 (" + vgg.getFileName() + ", " + Files.size(vgg) / 1_000_000
                + " MB, a started workbench, the sample open before each) -> graph painted, ms:");
        summarize("", opens.subList(1, opens.size()), opens.get(0));
        if (profile) {
            openAndWait(sample);
            settle();
            Opening o = timedOpen(vgg, true);
            line("  profile of one more opening (" + ms(o.painted) + " ms, not counted):");
            o.hot.forEach(this::line);
        }
        Screenshots.save(window.getShell(), "bench-vgg16");
    }

    /** The times of one opening, in ms from the call to {@link ModelOpener#open}. */
    private record Opening(double read, double layoutStart, double layoutEnd, double painted, double worstWait,
            int boxes, List<String> hot) {
    }

    private Opening timedOpen(Path file, boolean sample) {
        return timedOpen(file, sample, 120_000);
    }

    private Opening timedOpen(Path file, boolean sample, long timeoutMs) {
        OpenModel earlier = ModelOpener.current();
        AtomicLong opened = new AtomicLong();
        AtomicLong layoutStart = new AtomicLong();
        AtomicLong layoutEnd = new AtomicLong();
        AtomicLong paintedAt = new AtomicLong();
        IJobChangeListener layouts = new JobChangeAdapter() {

            @Override
            public void running(IJobChangeEvent event) {
                if (event.getJob() instanceof GraphLayoutJob) {
                    layoutStart.compareAndSet(0, System.nanoTime());
                }
            }

            @Override
            public void done(IJobChangeEvent event) {
                if (event.getJob().belongsTo(ModelOpener.FAMILY)) {
                    opened.compareAndSet(0, System.nanoTime());
                }
                if (event.getJob() instanceof GraphLayoutJob && layoutStart.get() != 0) {
                    layoutEnd.compareAndSet(0, System.nanoTime());
                }
            }
        };
        Listener painted = e -> {
            if (paintedAt.get() == 0 && showsNewModel(file, earlier)) {
                paintedAt.set(System.nanoTime());
            }
        };
        // an editor open on the file would be brought to the front, not read and laid out anew
        IEditorPart open = page.findEditor(new ModelEditorInput(file));
        if (open != null) {
            page.closeEditor(open, false);
            InWorkbench.flush();
        }
        Job.getJobManager().addJobChangeListener(layouts);
        // the paint of the editor made for this opening, which does not exist yet
        display.addFilter(SWT.Paint, painted);
        try (UiThreadProbe probe = new UiThreadProbe(display, sample)) {
            long t0 = System.nanoTime();
            ModelOpener.open(window, file);
            spin(() -> paintedAt.get() != 0, timeoutMs, "the graph of " + file.getFileName());
            double worst = probe.worstWaitMs();
            // no layout job: the editor showed the layout made while the model was read
            double start = layoutStart.get() == 0 ? Double.NaN : (layoutStart.get() - t0) / 1e6;
            double end = layoutEnd.get() == 0 ? Double.NaN : (layoutEnd.get() - t0) / 1e6;
            return new Opening((opened.get() - t0) / 1e6, start, end,
                    (paintedAt.get() - t0) / 1e6, worst, graphView().canvas().graph().boxes().size(),
                    probe.hotMethods(60));
        } finally {
            Job.getJobManager().removeJobChangeListener(layouts);
            display.removeFilter(SWT.Paint, painted);
        }
    }

    /**
     * @return the active model editor, else (a grid editor active) the editor of the model the views
     *         show
     */
    private ModelEditor graphView() {
        if (page.getActiveEditor() instanceof ModelEditor e) {
            return e;
        }
        OpenModel shown = ModelOpener.current();
        return shown != null && page.findEditor(new ModelEditorInput(shown.file())) instanceof ModelEditor e ? e : null;
    }

    private boolean showsNewModel(Path file, OpenModel earlier) {
        ModelEditor editor = graphView();
        if (editor == null) {
            return false;
        }
        OpenModel m = editor.model();
        LaidOutGraph g = editor.canvas().graph();
        return m != null && m != earlier && m.file().equals(file) && g != null
                && g.model().graph() == m.graph();
    }

    private void summarize(String indent, List<Opening> opens, Opening first) {
        List<Double> painted = opens.stream().map(Opening::painted).toList();
        line(indent + "  median " + ms(median(painted)) + " of " + opens.size() + " opens, range "
                + ms(min(painted)) + " .. " + ms(max(painted)) + "  " + list(painted) + "; the first open "
                + ms(first.painted));
        String layout = opens.stream().allMatch(o -> Double.isNaN(o.layoutStart))
                ? " (and laid out; no layout job)"
                : ", layout job started " + ms(median(opens.stream().map(Opening::layoutStart).toList()))
                        + ", layout done " + ms(median(opens.stream().map(Opening::layoutEnd).toList()));
        line(indent + "  where the time goes (medians, ms after the open call): model read "
                + ms(median(opens.stream().map(Opening::read).toList())) + layout + ", graph painted "
                + ms(median(painted)));
        line(indent + "  worst wait of a UI event during an open: "
                + ms(max(opens.stream().map(Opening::worstWait).toList())) + " ms; " + first.boxes + " boxes");
    }

    // ---- DenseNet121 layout ---------------------------------------------------------------------

    private void denseNet121() throws Exception {
        Path json = TestModels.applicationFile("DenseNet121");
        try {
            line("");
            List<Opening> opens = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) {
                openAndWait(Samples.model());
                settle();
                opens.add(timedOpen(json, false));
            }
            line("DenseNet121 (config of keras.applications.DenseNet121, core fixture) opened -> graph painted, ms:");
            summarize("", opens.subList(1, opens.size()), opens.get(0));
            List<Double> jobs = opens.subList(1, opens.size()).stream().map(o -> o.layoutEnd - o.layoutStart)
                    .toList();
            if (profile) {
                openAndWait(Samples.model());
                settle();
                Opening o = timedOpen(json, true);
                line("  profile of one more opening (" + ms(o.painted) + " ms, worst wait " + ms(o.worstWait)
                        + " ms, not counted):");
                o.hot.forEach(this::line);
            }
            line("  layout job, running to done: median " + ms(median(jobs)) + " ms, range " + ms(min(jobs)) + " .. "
                    + ms(max(jobs)) + "  " + list(jobs));
            GraphModel model = GraphModel.of(graphView().model().graph(), Set.of());
            NodeGeometry geometry = geometry();
            List<Double> direct = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) {
                long t0 = System.nanoTime();
                AtomicReference<LaidOutGraph> out = new AtomicReference<>();
                Thread t = new Thread(() -> out.set(GraphLayout.layout(model, geometry, false, () -> false)));
                t.start();
                spin(() -> !t.isAlive(), 60_000, "the DenseNet121 layout");
                assertEquals(model.nodes().size(), out.get().boxes().size());
                if (r > 0) {
                    direct.add((System.nanoTime() - t0) / 1e6);
                }
            }
            line("  GraphLayout.layout alone (" + model.nodes().size() + " boxes, " + model.edges().size()
                    + " edges): median " + ms(median(direct)) + " ms, range " + ms(min(direct)) + " .. "
                    + ms(max(direct)) + "  " + list(direct));
            Screenshots.save(window.getShell(), "bench-densenet121");
        } finally {
            Files.deleteIfExists(json);
        }
    }

    private NodeGeometry geometry() {
        GC gc = new GC(graphView().canvas().control());
        try {
            return new NodeGeometry(graphView().canvas().painter().measure(gc));
        } finally {
            gc.dispose();
        }
    }

    // ---- 10,000 layers: open, pan, zoom ---------------------------------------------------------

    /**
     * The 10,000-layer model of issue 17 ({@code make_big_model.py}: 400 residual blocks of 25
     * layers) opened until its graph has painted, then pan and zoom frames on it as opened; and a
     * synthetic chain of 10,000 layers with no names to group by opened the same way.
     */
    /**
     * The 10,000-layer model as the first model a person opens: right after start-up, before any
     * other step has run the readers, the layout or the painting (the start-up sample is the only
     * model read before it), so its code is as cold as it will ever be.
     */
    private void firstOpenOfTenThousand() throws Exception {
        Path big = Path.of(env("CONVSCOPE_BENCH_10K", "/tmp/convscope-bench/big10000.keras"));
        if (!Files.isRegularFile(big)) {
            return;
        }
        settle();
        Opening o = timedOpen(big, false);
        line("Open the 10,000-layer model (" + big.getFileName() + ") as the first step after start-up -> first"
                + " painted frame: " + ms(o.painted) + " ms (model read " + ms(o.read)
                + (Double.isNaN(o.layoutStart)
                        ? " and laid out, no layout job"
                        : ", layout job started " + ms(o.layoutStart) + ", layout done " + ms(o.layoutEnd))
                + "; worst wait of a UI event " + ms(o.worstWait) + " ms)");
        openAndWait(Samples.model());
        settle();
    }

    private void tenThousandLayers() throws Exception {
        Path big = Path.of(env("CONVSCOPE_BENCH_10K", "/tmp/convscope-bench/big10000.keras"));
        line("");
        if (!Files.isRegularFile(big)) {
            line("10,000 layers: skipped, " + big + " is missing (releng/benchmarks/make_big_model.py makes it)");
            return;
        }
        List<Opening> opens = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            openAndWait(Samples.model());
            settle();
            opens.add(timedOpen(big, false));
        }
        line("Open the 10,000-layer model (" + big.getFileName() + ", " + graphView().model().graph().layers().size()
                + " layers, " + Files.size(big) / 1_000_000 + " MB, a started workbench, the sample open before each;"
                + " its first open after the other steps) -> first painted frame, ms:");
        summarize("", opens.subList(1, opens.size()), opens.get(0));
        if (profile) {
            openAndWait(Samples.model());
            settle();
            Opening o = timedOpen(big, true);
            line("  profile of one more opening (" + ms(o.painted) + " ms, not counted):");
            o.hot.forEach(this::line);
        }
        openAndWait(big);
        settle();
        Screenshots.save(window.getShell(), "bench-10000-open");
        frames();
        Screenshots.save(window.getShell(), "bench-10000-zoomed");

        Path json = Files.createTempFile("chain10000", ".json");
        try {
            Files.writeString(json, TestModels.syntheticConfig(10_000));
            List<Opening> chain = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) {
                openAndWait(Samples.model());
                settle();
                chain.add(timedOpen(json, false));
            }
            line("");
            line("Open a synthetic chain of 10,000 layers with no names to group by (TestModels.syntheticConfig;"
                    + " folded into chunks of 100) -> first painted frame, ms:");
            summarize("", chain.subList(1, chain.size()), chain.get(0));
            openAndWait(json);
            settle();
            frames();
            Screenshots.save(window.getShell(), "bench-chain10000");
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /**
     * Pan and zoom frames on the graph shown, each timed two ways: the paint alone (the canvas
     * printed into an image: the same paint code for the whole window, run at once) and the frame
     * (the scroll or zoom changed, then the event loop run until the canvas's paint is over).
     */
    private void frames() {
        // An archive's weights are walked after its first frame; the frames are measured once the
        // walk has ended (as before session 11, when the open waited for it), so that they time the
        // paths of panning and zooming, not the walk's use of the machine (its collections).
        long asked = System.nanoTime();
        CompletableFuture<Void> weights = graphView().model().graph().weightsRead().toCompletableFuture();
        spin(weights::isDone, 120_000, "the weights of the model shown");
        double waited = (System.nanoTime() - asked) / 1e6;
        GraphCanvas canvas = graphView().canvas();
        AtomicLong paintedAt = new AtomicLong();
        Listener painted = e -> paintedAt.set(System.nanoTime());
        canvas.control().addListener(SWT.Paint, painted);
        Point size = canvas.control().getSize();
        Image image = new Image(display, size.x, size.y);
        GC gc = new GC(image);
        List<Double> panPaint = new ArrayList<>();
        List<Double> panFrame = new ArrayList<>();
        List<Double> zoomPaint = new ArrayList<>();
        List<Double> zoomFrame = new ArrayList<>();
        int boxesPainted = 0;
        try {
            canvas.home();
            settle();
            double start = canvas.zoom();
            for (int i = 0; i < FRAMES; i++) {
                int step = i < FRAMES / 2 ? 40 : -40;
                // as a person scrolls: the bar moves and tells its listeners
                panFrame.add(frame(canvas, paintedAt, () -> {
                    ScrollBar bar = canvas.control().getVerticalBar();
                    bar.setSelection(bar.getSelection() + step);
                    bar.notifyListeners(SWT.Selection, new Event());
                }));
                panPaint.add(paint(canvas, gc));
                boxesPainted = Math.max(boxesPainted, canvas.painter().lastPainted());
            }
            for (int i = 0; i < FRAMES; i++) {
                double factor = i < FRAMES / 2 ? 1 / 1.1 : 1.1;
                zoomFrame.add(frame(canvas, paintedAt, () -> canvas.setZoom(canvas.zoom() * factor)));
                zoomPaint.add(paint(canvas, gc));
                boxesPainted = Math.max(boxesPainted, canvas.painter().lastPainted());
            }
            line("  pan (" + FRAMES + " frames, 40 px each, at the opening zoom " + ms(start) + "), ms: paint "
                    + stats(panPaint) + "; frame " + stats(panFrame));
            line("  zoom (" + FRAMES + " frames, x1.1 each, out to " + ms(start / Math.pow(1.1, FRAMES / 2.0))
                    + " and back), ms: paint " + stats(zoomPaint) + "; frame " + stats(zoomFrame));
            line("  (paint: the canvas printed into an image; frame: from the scroll bar's selection event or the"
                    + " zoom call to the end of the canvas's own paint)");
            line("  at most " + boxesPainted + " of " + canvas.graph().boxes().size() + " boxes painted in a frame"
                    + "; the frames began once the weights were read (" + ms(waited) + " ms after the graph was shown"
                    + " and settled)");
        } finally {
            gc.dispose();
            image.dispose();
            canvas.control().removeListener(SWT.Paint, painted);
        }
    }

    private double frame(GraphCanvas canvas, AtomicLong paintedAt, Runnable change) {
        paintedAt.set(0);
        long t0 = System.nanoTime();
        change.run();
        spin(() -> paintedAt.get() != 0, 5_000, null);
        return paintedAt.get() == 0 ? Double.NaN : (paintedAt.get() - t0) / 1e6;
    }

    private static double paint(GraphCanvas canvas, GC gc) {
        long t0 = System.nanoTime();
        canvas.control().print(gc);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String stats(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double p95 = s[Math.min(s.length - 1, (int) Math.ceil(0.95 * s.length) - 1)];
        return "median " + ms(median(v)) + ", p95 " + ms(p95) + ", max " + ms(s[s.length - 1]);
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Opens {@code file} (unless it is open) and waits until the graph view has painted it. */
    private OpenModel openAndWait(Path file) {
        // a file open in an editor is shown by bringing that editor to the front (its model is
        // shared, not read again)
        if (page.findEditor(new ModelEditorInput(file)) instanceof ModelEditor e) {
            page.activate(e);
            spin(() -> e.model() != null && e.canvas().graph() != null
                    && e.canvas().graph().model().graph() == e.model().graph() && layoutIdle(), 120_000,
                    "the graph of " + file.getFileName());
            InWorkbench.flush();
            return e.model();
        }
        OpenModel earlier = ModelOpener.current();
        ModelOpener.open(window, file);
        spin(() -> openerIdle() && showsNewModel(file, earlier) && layoutIdle(), 120_000,
                "the graph of " + file.getFileName());
        InWorkbench.flush();
        return graphView().model();
    }

    private static boolean openerIdle() {
        return Job.getJobManager().find(ModelOpener.FAMILY).length == 0;
    }

    private static boolean layoutIdle() {
        return Job.getJobManager().find(GraphLayoutJob.FAMILY).length == 0;
    }

    /** Lets the workbench finish what a step set off (repaints, background statistics). */
    private void settle() {
        long end = System.nanoTime() + 300_000_000L;
        spin(() -> System.nanoTime() > end, 10_000, null);
    }

    /** Runs the event loop until {@code done}; fails after {@code timeoutMs} unless {@code what} is null. */
    private void spin(BooleanSupplier done, long timeoutMs, String what) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                if (what != null) {
                    throw new AssertionError("timed out waiting for " + what);
                }
                return;
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void line(String s) {
        report.add(s);
        System.out.println(s);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String list(List<Double> v) {
        return v.stream().map(ResponsivenessBenchmark::ms).toList().toString();
    }
}
