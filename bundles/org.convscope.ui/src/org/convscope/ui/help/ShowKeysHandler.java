package org.convscope.ui.help;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.keys.IBindingService;

/** Opens Help &gt; Keys. */
public final class ShowKeysHandler extends AbstractHandler {

    private static KeysDialog last;

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        KeysDialog dialog = new KeysDialog(window.getShell(), KeysTable.rows(window.getService(IBindingService.class),
                window.getService(ICommandService.class)));
        last = dialog;
        dialog.open();
        return null;
    }

    /** @return the Keys dialog opened last, for tests, or null */
    public static KeysDialog last() {
        return last;
    }
}
