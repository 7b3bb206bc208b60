package org.convscope.ui;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchWindow;

/** Opens a model file in the workbench and tells the other parts through the event broker. */
public final class ModelOpener {

    private ModelOpener() {
    }

    /** Opens {@code file}; a file that cannot be read gets a dialog and nothing else changes. */
    public static void open(IWorkbenchWindow window, Path file) {
        if (!Files.isRegularFile(file)) {
            MessageDialog.openError(window.getShell(), Messages.openFailedTitle,
                    Messages.bind(Messages.fileNotFound, file));
            return;
        }
        IEventBroker broker = window.getService(IEventBroker.class);
        broker.post(ModelEvents.MODEL_OPENED, file);
    }
}
