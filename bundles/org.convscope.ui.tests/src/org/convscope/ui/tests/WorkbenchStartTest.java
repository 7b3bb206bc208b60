package org.convscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.convscope.ui.ModelOpener;
import org.convscope.ui.ViewIds;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The product's workbench starts with the Convscope perspective and its parts. */
@ExtendWith(InWorkbench.class)
class WorkbenchStartTest {

    @Test
    void perspectiveShowsTheConvscopeParts() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "a workbench window is open");
        IWorkbenchPage page = window.getActivePage();
        assertEquals("org.convscope.app.perspective", page.getPerspective().getId());
        // the start-up model's editor, or the editors of the models opened by the tests before
        InWorkbench.waitUntil(() -> !ModelEditors.all(page).isEmpty() && ModelOpener.current() != null,
                Duration.ofSeconds(60), "a model in an editor");
        assertNotNull(page.findView(ViewIds.ACTIVATIONS), "Activation view");
        assertNotNull(page.findView(IPageLayout.ID_PROP_SHEET), "Properties view");
        assertTrue(page.isEditorAreaVisible(), "editor area");

        window.getShell().setSize(1400, 900);
        Path shot = Screenshots.save(window.getShell(), "workbench");
        assertTrue(Files.size(shot) > 1000, "screenshot written: " + shot);
    }

    @Test
    void progressViewOpens() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IViewPart view = page.showView(IPageLayout.ID_PROGRESS_VIEW);
        try {
            // a view the workbench cannot create comes back as its error part, with another class
            assertEquals("org.eclipse.ui.internal.progress.ProgressView", view.getClass().getName());
        } finally {
            page.hideView(view);
        }
    }
}
