package org.convscope.ui.open;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchWindow;

/**
 * Where a failure to open a model goes. The workbench shows a dialog; tests put a recorder here
 * instead, since a modal dialog would stop them.
 */
@FunctionalInterface
public interface ErrorReporter {

    /**
     * Called in the UI thread.
     *
     * @param window  the window the model was to open in
     * @param file    the file
     * @param message the reader's one-line message, naming the file and what is wrong
     * @param cause   the exception, for the log
     */
    void report(IWorkbenchWindow window, Path file, String message, Throwable cause);

    /**
     * The workbench's reporter: an error dialog with the reader's message. A file the readers
     * reject is the person's to act on and the dialog tells them all there is; only an exception the
     * readers did not foresee is a defect, logged with its stack trace.
     */
    ErrorReporter DIALOG = (window, file, message, cause) -> {
        if (!(cause instanceof IOException)) {
            ILog.of(ErrorReporter.class).error(message, cause);
        }
        MessageDialog.openError(window.getShell(), Messages.openFailedTitle, message);
    };
}
