package org.convscope.ui.open;

import java.nio.file.Path;

import org.convscope.ui.ModelOpener;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** File &gt; Open…: asks for a model file and opens it. */
public final class OpenModelHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        FileDialog dialog = new FileDialog(window.getShell(), SWT.OPEN);
        dialog.setText(Messages.openDialogTitle);
        dialog.setFilterExtensions(new String[] { "*.h5;*.hdf5;*.keras;model.json;*.json", "*" });
        dialog.setFilterNames(new String[] { Messages.filterModels, Messages.filterAll });
        if (!RecentModels.list().isEmpty()) {
            Path parent = RecentModels.list().get(0).getParent();
            if (parent != null) {
                dialog.setFilterPath(parent.toString());
            }
        }
        String chosen = dialog.open();
        if (chosen != null) {
            ModelOpener.open(window, Path.of(chosen));
        }
        return null;
    }
}
