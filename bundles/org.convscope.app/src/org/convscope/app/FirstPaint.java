package org.convscope.app;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;

/** Runs something once, when any control of a window paints for the first time. */
final class FirstPaint {

    private FirstPaint() {
    }

    /**
     * @param shell  the window
     * @param action run on the UI thread, inside the paint event, at most once
     */
    static void of(Shell shell, Runnable action) {
        Display display = shell.getDisplay();
        // A display filter sees the paint of any control, whichever part of the window comes first.
        Listener[] self = new Listener[1];
        self[0] = event -> {
            if (event.widget instanceof Control control && control.getShell() == shell) {
                display.removeFilter(SWT.Paint, self[0]);
                action.run();
            }
        };
        display.addFilter(SWT.Paint, self[0]);
    }
}
