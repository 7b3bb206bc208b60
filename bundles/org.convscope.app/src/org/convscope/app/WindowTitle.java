package org.convscope.app;

import org.convscope.ui.ModelEvents;
import org.convscope.ui.OpenModel;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.osgi.service.event.EventHandler;

/** Keeps the window title naming the active model. */
final class WindowTitle {

    private WindowTitle() {
    }

    static void install(IWorkbenchWindow window) {
        IEventBroker broker = window.getService(IEventBroker.class);
        EventHandler handler = event -> {
            Shell shell = window.getShell();
            if (shell != null && !shell.isDisposed()) {
                shell.setText(Messages.windowTitle(
                        event.getProperty(IEventBroker.DATA) instanceof OpenModel model ? model.fileName() : null));
            }
        };
        broker.subscribe(ModelEvents.MODEL_ACTIVATED, handler);
        broker.subscribe(ModelEvents.MODELS_CLOSED, handler);
        window.getShell().addDisposeListener(e -> broker.unsubscribe(handler));
    }
}
