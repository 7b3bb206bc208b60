package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.ViewIds;
import org.convscope.ui.filters.FiltersView;
import org.convscope.ui.gradcam.GradCamView;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.Screenshots;
import org.convscope.ui.tests.WorkspaceLog;
import org.convscope.ui.tests.graph.TestModels;
import org.convscope.ui.views.ActivationView;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an input cannot do is status text in the view that was asked, and nothing in the error log;
 * a bug inside an analysis is in the error log with its stack trace and shows as an error.
 */
@ExtendWith(InWorkbench.class)
class ErrorsWorkbenchTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    private IWorkbenchWindow window;
    private IWorkbenchPage page;

    @BeforeEach
    void openSample() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = window.getActivePage();
        window.getShell().setSize(1500, 950);
        open(Samples.model());
    }

    private void open(Path model) {
        // the application opens the sample on first start in a Job of its own: let it land first
        InWorkbench.waitUntil(() -> ModelOpener.current() != null && openerIdle(), LONG, "the first model");
        if (!ModelOpener.current().file().getFileName().equals(model.getFileName())) {
            ModelOpener.open(window, model);
            InWorkbench.waitUntil(() -> ModelOpener.current().file().getFileName().equals(model.getFileName())
                    && openerIdle(), LONG, model.getFileName().toString());
        }
        InWorkbench.flush();
    }

    private static boolean openerIdle() {
        return Job.getJobManager().find(ModelOpener.FAMILY).length == 0;
    }

    private static boolean idle(Class<?> view) {
        return Job.getJobManager().find(view).length == 0;
    }

    @Test
    void aBugInsideAnAnalysisIsLoggedWithItsStackTraceAndShownAsAnError() throws Exception {
        FailingView view = (FailingView) page.showView(FailingView.ID);
        try (WorkspaceLog log = new WorkspaceLog()) {
            view.analyse(new IllegalStateException("index 3 out of 2"));
            InWorkbench.waitUntil(() -> idle(FailingView.class) && view.statusSeverity() == IStatus.ERROR, LONG,
                    "the error in the view");
            String shown = view.statusText();
            assertTrue(shown.contains("internal error") && shown.contains("bug"), shown);
            assertTrue(shown.contains("IllegalStateException: index 3 out of 2"), shown);
            assertTrue(log.problems().stream().anyMatch(s -> s.getSeverity() == IStatus.ERROR
                    && s.getException() instanceof IllegalStateException e
                    && e.getMessage().equals("index 3 out of 2")),
                    "logged with its exception: " + log.problems());
            InWorkbench.waitUntil(() -> appended(log).contains("java.lang.IllegalStateException: index 3 out of 2"),
                    LONG, "the stack trace in the log file");
            assertTrue(appended(log).contains("\tat org.convscope.ui.tests.workbench.ErrorsWorkbenchTest"),
                    appended(log));
            // a few idle frames, so that GTK paints the error before the screenshot
            long painted = System.currentTimeMillis() + 300;
            InWorkbench.waitUntil(() -> System.currentTimeMillis() > painted, LONG, "a few frames");
            page.activate(view);
            Screenshots.save(window.getShell(), "view-internal-error");
        }
        view.analyse("fine again");
        InWorkbench.waitUntil(() -> idle(FailingView.class) && view.result().equals("fine again"), LONG, "a result");
        InWorkbench.flush();
        assertEquals(IStatus.OK, view.statusSeverity(), "the next result clears the error");
        assertEquals("fine again", view.statusText());
        page.hideView(view);
    }

    @Test
    void whatTheInputCannotDoIsStatusTextAndNotLogged() throws Exception {
        FailingView view = (FailingView) page.showView(FailingView.ID);
        try (WorkspaceLog log = new WorkspaceLog()) {
            view.refuse("model.h5 takes no image");
            InWorkbench.waitUntil(() -> idle(FailingView.class) && view.statusText().equals("model.h5 takes no image"),
                    LONG, "the refusal in the view");
            assertEquals(IStatus.OK, view.statusSeverity());
            assertNull(log.stackTraces());
        }
        page.hideView(view);
    }

    /** An array of two channels does not fit a model of grey images, and the Grad-CAM view says so. */
    @Test
    void gradCamOfAnArrayThatDoesNotFitSaysSo(@TempDir Path dir) throws Exception {
        Path two = dir.resolve("two_channels.npy");
        Npy.write(two, new Tensor(new float[28 * 28 * 2], new int[] { 1, 28, 28, 2 }));
        GradCamView view = (GradCamView) page.showView(GradCamView.ID);
        try (WorkspaceLog log = new WorkspaceLog()) {
            view.setInputFile(two);
            view.compute();
            InWorkbench.waitUntil(() -> idle(GradCamView.class) && view.statusText().contains("does not fit"),
                    LONG, "the refusal in the Grad-CAM view");
            assertEquals("two_channels.npy: an array of shape (28, 28, 2) does not fit this model, which takes"
                    + " (28, 28, 1)", view.statusText());
            assertEquals(IStatus.OK, view.statusSeverity());
            assertNull(log.stackTraces());
        }
    }

    /** A model whose input is no image: the Filters view says so as it opens, Activations on Compute. */
    @Test
    void filtersAndActivationsOfAModelThatTakesNoImageSaySo() throws Exception {
        Path sequence = TestModels.fixture("conv1d_sequence.keras");
        try (WorkspaceLog log = new WorkspaceLog()) {
            open(sequence);
            FiltersView filters = (FiltersView) page.showView(FiltersView.ID);
            // the broker delivers the model to a view that is already open a little later
            InWorkbench.waitUntil(
                    () -> filters.statusText().startsWith("conv1d_sequence.keras: takes ")
                            && filters.statusText().contains("filter patterns need one image input"),
                    LONG,
                    "the Filters view's refusal");
            assertEquals(IStatus.OK, filters.statusSeverity());
            assertTrue(filters.currentProvider().isEmpty(), "no provider for a model the view cannot use");

            ActivationView activations = (ActivationView) page.showView(ViewIds.ACTIVATIONS);
            activations.setInputFile(Samples.three(0));
            activations.compute();
            InWorkbench.waitUntil(() -> idle(ActivationView.class)
                    && activations.statusText().contains("not one image"), LONG, "the refusal");
            assertEquals(IStatus.OK, activations.statusSeverity());
            assertNull(log.stackTraces());
        } finally {
            open(Samples.model());
        }
    }

    private static String appended(WorkspaceLog log) {
        try {
            return log.appended();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
