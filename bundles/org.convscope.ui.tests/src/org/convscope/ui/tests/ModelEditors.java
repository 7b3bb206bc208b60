package org.convscope.ui.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.editor.ModelEditorInput;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;

/** Opening models in editors as File &gt; Open does, and waiting until they show. */
public final class ModelEditors {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ModelEditors() {
    }

    /**
     * Opens {@code file} as File &gt; Open does and waits until its editor is the active one, its
     * model the one the views show, and its graph laid out.
     *
     * @return the editor
     */
    public static ModelEditor open(IWorkbenchWindow window, Path file) {
        return laidOut(openModel(window, file));
    }

    /**
     * Opens {@code file} and waits until its editor is active and its model the one the views
     * show; the layout may still run.
     *
     * @return the editor
     */
    public static ModelEditor openModel(IWorkbenchWindow window, Path file) {
        Job job = ModelOpener.open(window, file);
        ModelEditor[] shown = new ModelEditor[1];
        InWorkbench.waitUntil(() -> {
            if (job.getResult() == null || !openerIdle()) {
                return false;
            }
            // the job's last step, opening or activating the editor, was posted to the UI thread
            // before the job ended: run it now, or it runs later (after a test closed the editor,
            // opening it again)
            InWorkbench.flush();
            shown[0] = find(window.getActivePage(), file);
            return shown[0] != null && window.getActivePage().getActiveEditor() == shown[0]
                    && shown[0].model() != null && ModelOpener.current() == shown[0].model();
        }, TIMEOUT, "the editor of " + file.getFileName());
        return shown[0];
    }

    /** Waits until {@code editor}'s graph is laid out. @return the editor */
    public static ModelEditor laidOut(ModelEditor editor) {
        InWorkbench.waitUntil(() -> {
            OpenModel m = editor.model();
            return m != null && editor.canvas().graph() != null && editor.canvas().graph().model().graph() == m.graph();
        }, TIMEOUT, "the graph of " + editor.getTitle());
        return editor;
    }

    /** @return the model editor of {@code page} that shows {@code file}, or null */
    public static ModelEditor find(IWorkbenchPage page, Path file) {
        IEditorPart part = page.findEditor(new ModelEditorInput(file));
        return part instanceof ModelEditor e ? e : null;
    }

    /** @return the model editors of {@code page}, made or not yet */
    public static List<IEditorReference> all(IWorkbenchPage page) {
        return Arrays.stream(page.getEditorReferences()).filter(r -> r.getId().equals(ModelEditor.ID)).toList();
    }

    /**
     * Closes every model editor but the one on {@code keep} (opened if needed), which ends active:
     * what the next test starts with.
     */
    public static void closeAllBut(IWorkbenchWindow window, Path keep) {
        IWorkbenchPage page = window.getActivePage();
        ModelEditorInput kept = new ModelEditorInput(keep);
        IEditorReference[] others = all(page).stream().filter(r -> !kept.equals(input(r)))
                .toArray(IEditorReference[]::new);
        page.closeEditors(others, false);
        open(window, keep);
        InWorkbench.flush();
    }

    private static Object input(IEditorReference ref) {
        try {
            return ref.getEditorInput();
        } catch (PartInitException e) {
            return null;
        }
    }

    /** @return whether no model is being opened */
    public static boolean openerIdle() {
        return Job.getJobManager().find(ModelOpener.FAMILY).length == 0;
    }
}
