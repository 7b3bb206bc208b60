package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.convscope.app.StartupFiles;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.ViewIds;
import org.convscope.ui.activations.ActivationRun;
import org.convscope.ui.tests.InWorkbench;
import org.convscope.ui.tests.ModelEditors;
import org.convscope.ui.views.ActivationView;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convscope MODEL IMAGE...}: the images named on the command line become the Activation
 * view's inputs, and the first one is run once the model is open. The workbench of the test run
 * started without arguments (once per run), so each test hands the arguments to the start-up code
 * the window runs after its first paint ({@link StartupFiles#open}), with a model that is not the
 * one open, as at a real start.
 */
@ExtendWith(InWorkbench.class)
class StartupInputsWorkbenchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    private IWorkbenchWindow window;
    private ActivationView view;

    @BeforeEach
    void setUp() throws Exception {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        // the sample the application opens at start-up must not arrive in the middle of a test
        InWorkbench.waitUntil(() -> ModelOpener.current() != null && openerIdle(), TIMEOUT, "the start-up model");
        // closed, so that the test sees the start-up code show it
        IViewPart open = window.getActivePage().findView(ViewIds.ACTIVATIONS);
        if (open != null) {
            window.getActivePage().hideView(open);
        }
    }

    @AfterEach
    void openTheSampleAgain() throws Exception {
        ModelEditors.closeAllBut(window, Samples.model());
    }

    @Test
    void theImagesGivenAtStartAreTheActivationViewsInputsAndTheFirstIsRun() throws Exception {
        Path model = Files.copy(Samples.model(), dir.resolve("given_model.keras"));
        Path first = Samples.three(1).toAbsolutePath().normalize();
        Path second = Samples.file("images/digit_7_0.png").toAbsolutePath().normalize();

        StartupFiles.open(window, List.of("-clean", model.toString(), first.toString(), second.toString()));

        view = (ActivationView) window.getActivePage().findView(ViewIds.ACTIVATIONS);
        assertTrue(view != null && window.getActivePage().isPartVisible(view), "the Activation view is shown");
        assertEquals(first, view.inputFile(), "the first image is the input at once");
        assertEquals(List.of(first, second), view.offeredInputs().subList(0, 2), "both images are offered first");
        InWorkbench.waitUntil(() -> showsModel(model) && idle() && view.run().isPresent(), TIMEOUT,
                "the run of the first image on the given model");
        ActivationRun run = view.run().orElseThrow();
        assertEquals(first, run.input().file());
        assertTrue(run.row("conv2d_1").orElseThrow().ok(), view.statusText());
        assertEquals(first, view.inputFile());
        assertEquals(IStatus.OK, view.statusSeverity(), view.statusText());
    }

    @Test
    void anUnreadableImageGivenAtStartGetsTheMessageComputeGivesIt() throws Exception {
        Path model = Files.copy(Samples.model(), dir.resolve("other_model.keras"));
        Path broken = Files.writeString(dir.resolve("broken.png"), "not an image at all");

        StartupFiles.open(window, List.of(model.toString(), broken.toString()));

        view = (ActivationView) window.getActivePage().findView(ViewIds.ACTIVATIONS);
        InWorkbench.waitUntil(() -> showsModel(model) && idle() && view.statusText().contains("broken.png"), TIMEOUT,
                "a message naming broken.png");
        String atStart = view.statusText();
        assertEquals(broken, view.inputFile());
        assertTrue(view.run().isEmpty(), "no run for an unreadable image");

        view.setInputFile(broken);
        view.compute();
        InWorkbench.waitUntil(this::idle, TIMEOUT, "Compute on broken.png");
        InWorkbench.flush();
        assertEquals(atStart, view.statusText(), "the same message as choosing the image in the view and computing");
        assertEquals(IStatus.OK, view.statusSeverity(), "a message, not a bug: " + view.statusText());
    }

    private boolean showsModel(Path model) {
        return view.currentProvider().map(p -> p.model().file().equals(model)).orElse(false);
    }

    private boolean idle() {
        return openerIdle() && Job.getJobManager().find(ActivationView.class).length == 0;
    }

    private static boolean openerIdle() {
        return Job.getJobManager().find(ModelOpener.FAMILY).length == 0;
    }
}
