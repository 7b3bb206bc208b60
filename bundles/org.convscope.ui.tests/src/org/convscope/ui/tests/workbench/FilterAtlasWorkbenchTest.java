package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.npy.Npy;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions.ObjectiveKind;
import org.convscope.ui.ComputedActivations;
import org.convscope.ui.ModelEvents;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.convscope.ui.activations.ActivationProvider;
import org.convscope.ui.activations.InputKey;
import org.convscope.ui.filters.AtlasLayout;
import org.convscope.ui.filters.AtlasSettings;
import org.convscope.ui.filters.FiltersProvider;
import org.convscope.ui.filters.FiltersView;
import org.convscope.ui.grid.ZoomCanvas;
import org.convscope.ui.prefs.UiPreferences;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.tests.WorkspaceLog;
import org.eclipse.core.runtime.jobs.IJobManager;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Filters view's atlas in the real workbench under Xvfb, on the MNIST sample's conv2d_1 (32
 * channels of 28×28, few steps): the grid fills, the disk cache makes the atlas opened again come
 * from it, cancel stops a run and says so, the objective chosen is the one the engine ran, and the
 * selected channel's activation for the current input shows beside its pattern. The workspace log
 * stays clean throughout.
 */
@ExtendWith(InWorkbench.class)
class FilterAtlasWorkbenchTest {

    private static final Duration LONG = Duration.ofMinutes(3);

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private WorkspaceLog log;

    @BeforeEach
    void openSample() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        window.getShell().setSize(1500, 950);
        Path sample = Samples.model();
        InWorkbench.waitUntil(() -> Job.getJobManager().find(ModelOpener.FAMILY).length == 0, LONG, "the opener");
        if (!sampleOpen(sample)) {
            ModelOpener.open(window, sample);
            InWorkbench.waitUntil(() -> sampleOpen(sample) && Job.getJobManager().find(ModelOpener.FAMILY).length == 0,
                    LONG, "the sample model");
        }
        InWorkbench.flush();
        log = new WorkspaceLog();
    }

    @AfterEach
    void cleanLogAndQuickSettings() throws Exception {
        FiltersView view = (FiltersView) page.findView(FiltersView.ID);
        if (view != null) {
            view.cancelRun();
            // the next test that opens the view (the graph's menu) starts a quick atlas
            view.setSettings(AtlasSettings.DEFAULT);
            idle();
        }
        String problems = log.stackTraces();
        log.close();
        assertNull(problems);
    }

    private static boolean sampleOpen(Path sample) {
        return ModelOpener.current() != null
                && ModelOpener.current().file().getFileName().equals(sample.getFileName());
    }

    private static void idle() {
        InWorkbench.waitUntil(() -> Job.getJobManager().find(FiltersView.class).length == 0, LONG,
                "the Filters view's jobs");
        InWorkbench.flush();
    }

    /** Quick lucid settings with a seed no earlier run used, so the first run computes every pattern. */
    private static AtlasSettings quick(String filters, int steps) {
        return new AtlasSettings(filters, "lucid", steps, null, "channel", 0, "", 0f,
                ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
    }

    private FiltersView atlas(AtlasSettings s) throws Exception {
        FiltersView view = (FiltersView) page.showView(FiltersView.ID);
        view.setSettings(s);
        view.choose("conv2d_1", s.filters(), null);
        view.run();
        idle();
        return view;
    }

    @Test
    void atlasFillsTheGridAndOpensAgainFromTheCache() throws Exception {
        // enough steps for the screenshot to show what lucid draws; still seconds on MNIST
        AtlasSettings s = quick("all", 24);
        FiltersView view = atlas(s);
        FiltersProvider.Patterns first = view.finishedRun().orElseThrow(() -> new AssertionError(view.statusText()));
        assertArrayEquals(IntStream.range(0, 32).toArray(), first.filters(), "every channel of conv2d_1");
        assertTrue(view.patterns().stream().allMatch(Objects::nonNull), "the grid is full");
        assertEquals(32, first.run().computed(), "a new seed: every pattern computed");
        assertEquals(0, first.run().fromDisk());
        assertTrue(view.statusText().startsWith("32 patterns of conv2d_1 in "), view.statusText());
        assertTrue(view.statusText().endsWith("32 computed, 0 read from the disk cache, 0 kept from an earlier run"),
                view.statusText());

        // the view alone, its atlas fitted, for the screenshot: tiles large enough to carry numbers
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        InWorkbench.flush();
        view.atlasCanvas().fit();
        // the pointer over channel 5 reads its objective; a click selects it
        ZoomCanvas canvas = view.atlasCanvas();
        AtlasLayout layout = view.atlasLayout();
        Rectangle tile = canvas.toCanvas(layout.tileX(5), layout.tileY(5), layout.tileWidth(), layout.tileHeight());
        pointer(canvas, SWT.MouseMove, tile, 0);
        assertTrue(view.hoverText().startsWith("Filter 5 of conv2d_1: objective "), view.hoverText());
        view.setInputFile(Samples.three(0));
        pointer(canvas, SWT.MouseDown, tile, 1);
        pointer(canvas, SWT.MouseUp, tile, 1);
        InWorkbench.waitUntil(() -> view.shownActivation().isPresent(), LONG, "channel 5's activation");
        assertTrue(view.activationText().startsWith("Channel 5 for digit_3_0.png"), view.activationText());
        settle();
        Screenshots.save(window.getShell(), "filters-atlas");
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);

        // closed and opened again: a new provider, so nothing in memory; the disk gives every pattern
        page.hideView(view);
        FiltersView again = (FiltersView) page.showView(FiltersView.ID);
        assertEquals(s, again.settings(), "the settings are remembered");
        again.choose("conv2d_1", "all", null);
        again.run();
        idle();
        FiltersProvider.Patterns second = again.finishedRun().orElseThrow(() -> new AssertionError(again.statusText()));
        assertEquals(0, second.run().computed(), "nothing computed");
        assertEquals(32, second.run().fromDisk(), "every pattern read from the disk cache");
        for (int i = 0; i < 32; i++) {
            assertEquals(first.patterns().get(i).tile(), second.patterns().get(i).tile(), "pattern " + i);
        }
    }

    /** A few idle frames, so that GTK paints the last tiles and lines before a screenshot. */
    private static void settle() throws InterruptedException {
        Display d = Display.getCurrent();
        long end = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < end) {
            if (!d.readAndDispatch()) {
                Thread.sleep(10);
            }
        }
    }

    private static void pointer(ZoomCanvas canvas, int type, Rectangle tile, int button) {
        Event e = new Event();
        e.x = tile.x + tile.width / 2;
        e.y = tile.y + tile.height / 2;
        e.button = button;
        e.stateMask = 0;
        canvas.control().notifyListeners(type, e);
        InWorkbench.flush();
    }

    @Test
    void cancelStopsTheAtlasAndSaysSo() throws Exception {
        FiltersView view = (FiltersView) page.showView(FiltersView.ID);
        view.setSettings(quick("all", 100_000));
        view.choose("conv2d_1", "all", null);
        view.run();
        // RUNNING alone also holds while a worker has taken the job but not started it (a cancel then
        // is the before-start test's case); a thread means the run is under way
        InWorkbench.waitUntil(() -> {
            Job[] jobs = Job.getJobManager().find(FiltersView.class);
            return jobs.length == 1 && jobs[0].getState() == Job.RUNNING && jobs[0].getThread() != null;
        }, LONG, "the run");
        view.cancelRun();
        // the outcome reaches the status line by an asyncExec of its own, not with the job list
        InWorkbench.waitUntil(() -> view.statusText().equals("Cancelled."), LONG, "the cancelled run's outcome");
        idle();
        assertTrue(view.finishedRun().isEmpty(), "no finished run");
        assertTrue(view.patterns().stream().anyMatch(Objects::isNull), "not every pattern was drawn");
    }

    /** A Cancel pressed before the run started: the job never runs, and the status line still says so. */
    @Test
    void cancelBeforeTheRunStartsSaysSo() throws Exception {
        FiltersView view = (FiltersView) page.showView(FiltersView.ID);
        view.setSettings(quick("all", 100_000));
        view.choose("conv2d_1", "all", null);
        IJobManager jobs = Job.getJobManager();
        // no job starts while the job manager is suspended
        jobs.suspend();
        try {
            view.run();
            Job[] run = jobs.find(FiltersView.class);
            assertEquals(1, run.length);
            assertEquals(Job.WAITING, run[0].getState(), "not started");
            view.cancelRun();
        } finally {
            jobs.resume();
        }
        InWorkbench.waitUntil(() -> view.statusText().equals("Cancelled."), LONG, "the cancelled run's outcome");
        idle();
        assertTrue(view.finishedRun().isEmpty(), "no finished run");
        assertTrue(view.patterns().stream().allMatch(Objects::isNull), "no pattern was drawn");
    }

    @Test
    void theObjectiveChosenIsTheOneTheEngineRuns() throws Exception {
        FiltersView view = atlas(new AtlasSettings("0-1", "notebook", 3, null, "neuron", 0, "", 0f, 1));
        FiltersProvider.Patterns neuron = view.finishedRun().orElseThrow(() -> new AssertionError(view.statusText()));
        assertEquals(ObjectiveKind.NEURON, neuron.run().options().objective());
        assertEquals(3, neuron.run().options().steps());
        assertEquals(2, neuron.patterns().size());

        view.setSettings(new AtlasSettings("all", "notebook", 3, null, "class", 3, "", 0f, 1));
        view.run();
        idle();
        FiltersProvider.Patterns cls = view.finishedRun().orElseThrow(() -> new AssertionError(view.statusText()));
        assertEquals(ObjectiveKind.CLASS, cls.run().options().objective());
        assertArrayEquals(new int[] { 3 }, cls.filters(), "class 3 alone");
        OpenModel model = ModelOpener.current();
        String last = model.graph().layers().get(model.graph().layers().size() - 1).id();
        assertEquals(last, cls.run().layer(), "the class objective draws the model's last layer's units");

        // a direction file the view cannot read is named in the status line, not in the log
        view.setSettings(new AtlasSettings("all", "notebook", 3, null, "direction", 0, "/no/such/v.npy", 0f, 1));
        view.run();
        idle();
        assertTrue(view.finishedRun().isEmpty());
        assertEquals("/no/such/v.npy: no such file", view.statusText());
    }

    @Test
    void theSelectedChannelsActivationForTheCurrentInputShowsBesideItsPattern() throws Exception {
        FiltersView view = atlas(quick("0-3", 2));
        view.setInputFile(null);
        view.selectFilter(2);
        assertEquals("No input: choose an image in the Activation view and compute it, and its activation shows here.",
                view.activationText());
        // the Activation view computed an image: the Filters view takes it as its input
        Path three = Samples.three(0);
        OpenModel model = ModelOpener.current();
        IEventBroker broker = window.getService(IEventBroker.class);
        broker.send(ModelEvents.ACTIVATIONS_COMPUTED, new ComputedActivations(model, List.of(three), Map.of()));
        InWorkbench.waitUntil(() -> view.shownActivation().isPresent(), LONG, "channel 2's activation");
        assertTrue(view.activationText().startsWith("Channel 2 for digit_3_0.png"), view.activationText());
        Tensor shown = view.shownActivation().orElseThrow();
        Preprocessing pre = ModelInputs.preprocessing(model.file(), model.graph().name(),
                UiPreferences.workbench().preprocessing().orElse(null)).preprocessing();
        try (ActivationProvider activations = ActivationProvider.of(model)) {
            Tensor expected = activations.activation(new InputKey(three, pre), "conv2d_1", ProgressMonitor.NULL);
            assertArrayEquals(expected.shape(), shown.shape());
            assertArrayEquals(expected.data(), shown.data(), 1e-6f, "the Activation view's output of conv2d_1");
        }
    }

    @Test
    void anEnlargedPatternExportsAsPngAndNpy() throws Exception {
        FiltersView view = atlas(quick("0-1", 2));
        FilterPattern p = view.patterns().get(1);
        Path dir = Files.createTempDirectory("atlas");
        Path png = dir.resolve("p.png");
        Path npy = dir.resolve("p.npy");
        view.export(1, png);
        view.export(1, npy);
        RgbImage tile = p.tile();
        Tensor pixels = Npy.read(npy);
        assertArrayEquals(new int[] { 1, tile.height(), tile.width(), 3 }, pixels.shape());
        assertEquals(tile.argb()[0] >> 16 & 0xFF, pixels.data()[0], 0f, "pixel units, red first");
        assertTrue(Files.size(png) > 0);
        assertFalse(view.patterns().contains(null));
    }
}
