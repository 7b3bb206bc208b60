package org.convscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.ILog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;

/**
 * For the start-up benchmark (releng/benchmarks/startup.sh): when the system property
 * {@code convscope.startupProbe} names a file, the wall-clock time of the window's first paint
 * is written there, in milliseconds since the epoch. Does nothing otherwise.
 */
final class StartupProbe {

    static final String PROPERTY = "convscope.startupProbe";

    private StartupProbe() {
    }

    static void install(Shell shell) {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isBlank()) {
            return;
        }
        // A display filter sees the paint of any control, whichever part of the window comes first.
        Listener[] self = new Listener[1];
        self[0] = event -> {
            if (!(event.widget instanceof Control control) || control.getShell() != shell) {
                return;
            }
            long paintedAt = System.currentTimeMillis();
            shell.getDisplay().removeFilter(SWT.Paint, self[0]);
            try {
                Files.writeString(Path.of(target), Long.toString(paintedAt));
            } catch (IOException e) {
                ILog.of(StartupProbe.class).error("cannot write the start-up probe " + target, e);
            }
        };
        shell.getDisplay().addFilter(SWT.Paint, self[0]);
    }
}
