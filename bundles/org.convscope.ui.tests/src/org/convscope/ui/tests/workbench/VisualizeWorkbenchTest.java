package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.GradCamResult;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.filters.FiltersView;
import org.convscope.ui.gradcam.GradCamView;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.Screenshots;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Filters and Grad-CAM views in the real workbench under Xvfb, on the bundled MNIST sample:
 * patterns of four conv2d_1 filters fill the grid, and the Grad-CAM of a 3 explains class 3.
 */
@ExtendWith(InWorkbench.class)
class VisualizeWorkbenchTest {

    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private Display display;

    @BeforeEach
    void openSample() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        display = window.getShell().getDisplay();
        window.getShell().setSize(1500, 950);
        Path sample = Samples.model();
        // the application opens the sample on first start in a Job of its own: let it land first
        waitFor(() -> ModelOpener.current() != null && openerIdle(), 30_000, null);
        if (!sampleOpen(sample)) {
            ModelOpener.open(window, sample);
            waitFor(() -> sampleOpen(sample) && openerIdle(), 30_000, "the sample model");
        }
        InWorkbench.flush();
    }

    private static boolean openerIdle() {
        return Job.getJobManager().find(ModelOpener.FAMILY).length == 0;
    }

    private static boolean sampleOpen(Path sample) {
        return ModelOpener.current() != null
                && ModelOpener.current().file().getFileName().equals(sample.getFileName());
    }

    @Test
    void filterPatternsFillTheGrid() throws Exception {
        FiltersView view = (FiltersView) page.showView(FiltersView.ID);
        view.choose("conv2d_1", "0-3", "notebook");
        view.run();
        waitFor(() -> Job.getJobManager().find(FiltersView.class).length == 0
                && view.patterns().stream().allMatch(Objects::nonNull), 120_000, "four filter patterns");
        List<FilterPattern> shown = view.patterns();
        assertEquals(List.of(0, 1, 2, 3), shown.stream().map(FilterPattern::filter).toList());
        assertEquals(28, shown.get(0).tile().width(), "the sample takes 28x28 inputs, so its patterns are 28x28");
        // the closing line, not "Computing 4 patterns of conv2d_1…", which contains the same words
        waitFor(() -> view.statusText().startsWith("4 patterns of conv2d_1 in "), 5_000, "the closing status line");
        // a few idle frames, so that GTK paints the last tiles and line before the screenshot
        waitFor(() -> false, 300, null);
        Screenshots.save(window.getShell(), "filters-view");
    }

    @Test
    void gradCamOfADigitExplainsItsClass() throws Exception {
        GradCamView view = (GradCamView) page.showView(GradCamView.ID);
        view.chooseLayer("conv2d_2");
        view.setInputFile(Samples.three(0));
        view.compute();
        waitFor(() -> Job.getJobManager().find(GradCamView.class).length == 0 && view.shown().isPresent(), 60_000,
                "the Grad-CAM map");
        GradCamResult r = view.shown().orElseThrow().result();
        assertEquals(3, r.classIndex(), "the top class of the sample 3");
        assertEquals(11, r.width());
        for (float v : r.normalized()) {
            assertTrue(v >= 0f && v <= 1f, "normalised, never NaN: " + v);
        }
        assertTrue(view.statusText().startsWith("Grad-CAM of class 3"), view.statusText());
        Screenshots.save(window.getShell(), "gradcam-view");
    }

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
