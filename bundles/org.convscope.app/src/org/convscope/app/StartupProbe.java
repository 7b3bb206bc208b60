package org.convscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.ILog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;

/**
 * For the start-up benchmark (releng/benchmarks/startup.sh): when the system property
 * {@code convscope.startupProbe} names a file, the wall-clock time of the window's first paint
 * is written there, in milliseconds since the epoch. With {@code convscope.startupProbe.close=true}
 * the workbench then closes itself the normal way, as a user would, so that it saves its state and
 * the next start is a warm one (a killed workbench saves neither its model nor the plug-in
 * registry cache). Does nothing when the property is not set.
 */
final class StartupProbe {

    static final String PROPERTY = "convscope.startupProbe";
    static final String CLOSE_PROPERTY = "convscope.startupProbe.close";

    private StartupProbe() {
    }

    static void install(Shell shell) {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isBlank()) {
            return;
        }
        FirstPaint.of(shell, () -> {
            long paintedAt = System.currentTimeMillis();
            try {
                Files.writeString(Path.of(target), Long.toString(paintedAt));
            } catch (IOException e) {
                ILog.of(StartupProbe.class).error("cannot write the start-up probe " + target, e);
            }
            if (Boolean.getBoolean(CLOSE_PROPERTY)) {
                shell.getDisplay().asyncExec(() -> PlatformUI.getWorkbench().close());
            }
        });
    }
}
