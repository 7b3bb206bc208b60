package org.convscope.ui.diff;

import java.nio.file.Path;

import org.convscope.ui.editor.EditorPlacement;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * File › Compare Models…: asks for two model files, one after the other, and opens the
 * compare-models editor on them.
 */
public final class CompareModelsHandler extends AbstractHandler {

    private static final String[] MODEL_FILTERS = { "*.h5;*.hdf5;*.keras;model.json;*.json", "*" };

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        if (window == null) {
            return null;
        }
        Path a = choose(window.getShell(), Messages.chooseModelA);
        Path b = a == null ? null : choose(window.getShell(), Messages.chooseModelB);
        if (b != null) {
            open(window, a, b);
        }
        return null;
    }

    /** Opens the compare-models editor on {@code a} and {@code b} in {@code window}'s page. */
    public static DiffEditor open(IWorkbenchWindow window, Path a, Path b) {
        try {
            DiffEditor editor = (DiffEditor) window.getActivePage().openEditor(new DiffEditorInput(a, b),
                    DiffEditor.ID);
            // two graphs side by side need the room of the graphs' stack, not the results'
            EditorPlacement.amongGraphs(editor);
            return editor;
        } catch (PartInitException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Path choose(Shell shell, String title) {
        FileDialog d = new FileDialog(shell, SWT.OPEN);
        d.setText(title);
        d.setFilterExtensions(MODEL_FILTERS);
        d.setFilterNames(new String[] { Messages.filterModels, Messages.allFiles });
        String f = d.open();
        return f == null ? null : Path.of(f);
    }
}
