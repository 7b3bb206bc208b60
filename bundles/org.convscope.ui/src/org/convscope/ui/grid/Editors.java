package org.convscope.ui.grid;

import org.convscope.ui.editor.EditorPlacement;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IReusableEditor;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

/** Opens Convscope's editors; a failure gets a dialog and the workbench goes on. */
public final class Editors {

    private Editors() {
    }

    /**
     * Shows a grid. With {@code reuse}, the first open grid editor switches to {@code input}
     * instead of a new editor opening: following the graph's selection must not pile up editors.
     *
     * @return the editor, or null when it could not be opened
     */
    public static IEditorPart showGrid(IWorkbenchPage page, GridEditorInput input, boolean reuse) {
        IEditorReference[] open = page.findEditors(null, GridEditor.ID, IWorkbenchPage.MATCH_ID);
        if (reuse && open.length > 0 && open[0].getEditor(true) instanceof IReusableEditor e) {
            page.reuseEditor(e, input);
            page.bringToTop(e);
            return e;
        }
        return open(page, input, GridEditor.ID);
    }

    /** @return the editor {@code id} opened (or brought up) on {@code input}, or null after a dialog */
    public static IEditorPart open(IWorkbenchPage page, IEditorInput input, String id) {
        try {
            IEditorPart editor = page.openEditor(input, id, true);
            EditorPlacement.besideGraphs(editor);
            return editor;
        } catch (PartInitException e) {
            MessageDialog.openError(page.getWorkbenchWindow().getShell(), Messages.openFailed, e.getMessage());
            return null;
        }
    }
}
