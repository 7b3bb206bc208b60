package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.convscope.core.npy.Npy;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.explain.Attribution;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.engine.explain.ExplainGridPicture;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.explain.ExplainExport;
import org.convscope.ui.explain.ExplainResult;
import org.convscope.ui.explain.ExplainView;
import org.convscope.ui.tests.DialogCatcher;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.Screenshots;
import org.eclipse.core.runtime.jobs.IJobManager;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Explain view in the real workbench on the bundled MNIST sample: two methods on two digits
 * fill a 2 × 2 grid with the trust measures under every tile, the pointer reads a value, a click
 * enlarges a tile with its colour bar, the exports match the command line's, a long run cancels,
 * and an image that cannot be read is named while the others are explained.
 */
@ExtendWith(InWorkbench.class)
class ExplainWorkbenchTest {

    private static final Duration LONG = Duration.ofSeconds(120);

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private ExplainView view;

    @BeforeEach
    void openSample() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        window.getShell().setSize(1500, 950);
        Path sample = Samples.model();
        // the application opens the sample on first start in a Job of its own: let it land first
        InWorkbench.waitUntil(() -> ModelOpener.current() != null && openerIdle(), LONG, "the first model");
        if (!ModelOpener.current().file().getFileName().equals(sample.getFileName())) {
            ModelOpener.open(window, sample);
            InWorkbench.waitUntil(() -> ModelOpener.current().file().getFileName().equals(sample.getFileName())
                    && openerIdle(), LONG, "the sample model");
        }
        view = (ExplainView) page.showView(ExplainView.ID);
        InWorkbench.waitUntil(() -> view.currentProvider().isPresent()
                && view.currentProvider().get().model() == ModelOpener.current(), LONG, "the view on the sample");
    }

    private static boolean openerIdle() {
        return Job.getJobManager().find(ModelOpener.FAMILY).length == 0;
    }

    private ExplainResult runAndWait() {
        ExplainResult before = view.result().orElse(null);
        view.run();
        InWorkbench.waitUntil(() -> Job.getJobManager().find(ExplainView.class).length == 0
                && (view.result().orElse(null) != before || !view.statusText().startsWith("Explaining")), LONG,
                "the explanation");
        InWorkbench.flush();
        assertTrue(view.result().orElse(null) != before, view.statusText());
        return view.result().orElseThrow();
    }

    @Test
    void twoMethodsOnTwoImagesFillATwoByTwoGridWithTheirMeasures(@TempDir Path dir) throws Exception {
        view.choose(List.of(AttributionMethod.GRADCAM, AttributionMethod.SALIENCY),
                List.of(Samples.three(0), Samples.file("images/digit_7_0.png")), List.of(), true, true);
        ExplainResult r = runAndWait();

        assertEquals(List.of(AttributionMethod.GRADCAM, AttributionMethod.SALIENCY), r.methods());
        assertEquals(List.of("digit_3_0.png", "digit_7_0.png"), r.names());
        assertEquals(3, r.image(0).classIndex(), "the top class of the 3");
        assertEquals(7, r.image(1).classIndex(), "the top class of the 7");
        List<String> texts = view.tileTexts();
        assertEquals(4, texts.size(), "rows images, columns methods: " + texts);
        for (String t : texts) {
            assertTrue(t.contains("deletion AUC ") && t.contains("insertion AUC ") && t.contains("top 25 % kept "),
                    t);
            assertTrue(t.contains("sanity \u03c1"), t);
            assertFalse(t.contains("NaN"), t);
        }
        assertTrue(view.statusText().startsWith("2 image(s) \u00d7 2 method(s)"), view.statusText());

        // the pointer over the first tile reads the Grad-CAM map there
        Canvas first = view.tileCanvases().get(0);
        Event move = new Event();
        move.x = first.getClientArea().width / 2;
        move.y = first.getClientArea().height / 2;
        first.notifyListeners(SWT.MouseMove, move);
        Attribution cam = r.map(0, AttributionMethod.GRADCAM);
        assertTrue(view.hoverText().startsWith("gradcam, digit_3_0.png: map x " + cam.width() / 2 + ", y "
                + cam.height() / 2 + " of " + cam.width() + "\u00d7" + cam.height() + " = "), view.hoverText());

        // a click enlarges it, with the colour bar's ends labelled
        try (DialogCatcher dialogs = new DialogCatcher(window.getShell())) {
            dialogs.screenshotNext("explain-tile");
            Event up = new Event();
            up.button = 1;
            up.x = move.x;
            up.y = move.y;
            first.notifyListeners(SWT.MouseUp, up);
            InWorkbench.waitUntil(() -> !dialogs.seen().isEmpty() && dialogs.allClosed(), LONG, "the tile dialog");
            DialogCatcher.Seen d = dialogs.seen().get(0);
            assertEquals("gradcam of digit_3_0.png", d.title());
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : cam.values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(d.texts().contains(String.format(Locale.ROOT, "min %.4g", min)), d.text());
            assertTrue(d.texts().contains(String.format(Locale.ROOT, "max %.4g", max)), d.text());
        }

        // exports: one (images, H, W) float32 array per method, as convscope explain --npy names them
        List<Path> written = view.exportNpy(dir.resolve("maps.npy"));
        assertEquals(List.of(dir.resolve("maps.gradcam.npy"), dir.resolve("maps.saliency.npy")), written);
        Tensor gradcam = Npy.read(dir.resolve("maps.gradcam.npy"));
        assertArrayEquals(new int[] { 2, cam.height(), cam.width() }, gradcam.shape());
        assertArrayEquals(cam.values(), Arrays.copyOf(gradcam.data(), cam.values().length));
        assertArrayEquals(new int[] { 2, 28, 28 }, Npy.read(dir.resolve("maps.saliency.npy")).shape());
        view.exportCsv(dir.resolve("metrics.csv"));
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        assertEquals(ExplainExport.CSV_HEADER, csv.get(0));
        assertEquals("image,method,deletion_auc,insertion_auc,top25_change,sanity_1,sanity_2,sanity_3", csv.get(0));
        assertEquals(5, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("digit_3_0.png,gradcam,"), csv.get(1));
        assertEquals(8, csv.get(1).split(",", -1).length, csv.get(1));
        // the PNG is the command line's titled grid: method names above, image names at the left
        view.exportPng(dir.resolve("grid.png"));
        BufferedImage png = ImageIO.read(dir.resolve("grid.png").toFile());
        RgbImage titled = ExplainGridPicture.draw(r.explanation(), r.pictures(), r.names(), r.labels(), r.methods(),
                AnalysisOptions.DEFAULT_ALPHA);
        assertEquals(titled.width(), png.getWidth());
        assertEquals(titled.height(), png.getHeight());
        for (int y = 0; y < titled.height(); y += 3) {
            for (int x = 0; x < titled.width(); x += 3) {
                assertEquals(titled.pixel(x, y), png.getRGB(x, y) | 0xFF000000, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aLongRunCancels() throws Exception {
        view.choose(List.of(AttributionMethod.IG), List.of(Samples.three(0), Samples.three(1)), List.of(), false,
                false);
        view.setIgSteps(4096);
        ExplainResult before = view.result().orElse(null);
        view.run();
        // RUNNING alone also holds while a worker has taken the job but not started it (a cancel then
        // is the before-start test's case); a thread means the run is under way
        InWorkbench.waitUntil(() -> {
            Job[] jobs = Job.getJobManager().find(ExplainView.class);
            return jobs.length == 1 && jobs[0].getState() == Job.RUNNING && jobs[0].getThread() != null;
        }, LONG, "the run to start");
        view.cancelRun();
        InWorkbench.waitUntil(() -> Job.getJobManager().find(ExplainView.class).length == 0, LONG,
                "the cancelled run to stop");
        InWorkbench.waitUntil(() -> view.statusText().equals("Cancelled."), LONG, "the view to say cancelled");
        assertSame(before, view.result().orElse(null), "no new result");
    }

    /** A Cancel pressed before the run started: the job never runs, and the status line still says so. */
    @Test
    void aRunCancelledBeforeItStartsSaysSo() throws Exception {
        view.choose(List.of(AttributionMethod.IG), List.of(Samples.three(0), Samples.three(1)), List.of(), false,
                false);
        view.setIgSteps(4096);
        ExplainResult before = view.result().orElse(null);
        IJobManager jobs = Job.getJobManager();
        // no job starts while the job manager is suspended
        jobs.suspend();
        try {
            view.run();
            Job[] run = jobs.find(ExplainView.class);
            assertEquals(1, run.length);
            assertEquals(Job.WAITING, run[0].getState(), "not started");
            view.cancelRun();
        } finally {
            jobs.resume();
        }
        InWorkbench.waitUntil(() -> view.statusText().equals("Cancelled."), LONG, "the view to say cancelled");
        InWorkbench.waitUntil(() -> jobs.find(ExplainView.class).length == 0, LONG, "no run");
        assertSame(before, view.result().orElse(null), "no new result");
    }

    @Test
    void anUnreadableImageIsNamedAndTheOthersAreExplained(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.png");
        Files.writeString(broken, "not a picture");
        view.choose(List.of(AttributionMethod.GRADCAM), List.of(broken, Samples.three(0)), List.of(), false, false);
        ExplainResult r = runAndWait();
        assertEquals(List.of("digit_3_0.png"), r.names());
        assertEquals(1, view.tileTexts().size());
        assertTrue(view.statusText().contains("broken.png"), view.statusText());
    }

    @Test
    void screenshotOfFiveMethodsOnTwoImages() throws Exception {
        window.getShell().setSize(1366, 768);
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        view.choose(List.of(AttributionMethod.GRADCAM, AttributionMethod.SCORECAM, AttributionMethod.IG,
                AttributionMethod.SMOOTHGRAD, AttributionMethod.OCCLUSION),
                List.of(Samples.three(0), Samples.file("images/digit_7_0.png")), List.of(), true, false);
        view.setIgSteps(32);
        // the default 32-pixel patch does not fit a 28 x 28 digit: that map would be constant
        view.setOcclusion(8, 4);
        runAndWait();
        assertEquals(10, view.tileTexts().size());
        assertTrue(view.tileTexts().stream().noneMatch(t -> t.contains("constant")), view.tileTexts().toString());
        idle(300);
        Screenshots.save(window.getShell(), "explain-view");
        page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
    }

    /** Lets the UI thread paint for {@code ms} milliseconds. */
    private static void idle(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        InWorkbench.waitUntil(() -> System.nanoTime() > end, Duration.ofMillis(ms + 5_000), "idle frames");
    }
}
