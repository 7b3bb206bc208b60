package org.convscope.app;

import org.convscope.ui.ModelEvents;
import org.convscope.ui.OpenModel;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.osgi.service.event.EventHandler;

/** Keeps the window title naming the open model. */
final class WindowTitle {

    private WindowTitle() {
    }

    static void install(IWorkbenchWindow window) {
        IEventBroker broker = window.getService(IEventBroker.class);
        EventHandler handler = event -> {
            Shell shell = window.getShell();
            if (shell != null && !shell.isDisposed()
                    && event.getProperty(IEventBroker.DATA) instanceof OpenModel model) {
                shell.setText(Messages.windowTitle(model.fileName()));
            }
        };
        broker.subscribe(ModelEvents.MODEL_OPENED, handler);
        window.getShell().addDisposeListener(e -> broker.unsubscribe(handler));
    }
}
