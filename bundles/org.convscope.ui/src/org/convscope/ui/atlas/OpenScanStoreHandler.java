package org.convscope.ui.atlas;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;

/** File &gt; Open Scan Store…: asks for a store file and opens it in the Channel Atlas. */
public final class OpenScanStoreHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        Path chosen = AtlasOpener.askForStore(window.getShell());
        if (chosen != null) {
            List<Path> hints = new ArrayList<>();
            OpenModel current = ModelOpener.current();
            if (current != null) {
                hints.add(current.file());
            }
            AtlasOpener.open(window, chosen, hints, null);
        }
        return null;
    }
}
