package org.convscope.app;

import java.nio.file.Path;

import org.convscope.ui.ModelEvents;
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
                    && event.getProperty(IEventBroker.DATA) instanceof Path file) {
                shell.setText(Messages.windowTitle(file.getFileName().toString()));
            }
        };
        broker.subscribe(ModelEvents.MODEL_OPENED, handler);
        window.getShell().addDisposeListener(e -> broker.unsubscribe(handler));
    }
}
