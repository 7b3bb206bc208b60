package org.convscope.app;

import java.util.List;

import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** The Convscope window: its size and bars, and what it opens first. */
final class ConvscopeWindowAdvisor extends WorkbenchWindowAdvisor {

    private static final int FIRST_PAINT_TIMEOUT_MS = 1000;

    private final List<String> args;

    ConvscopeWindowAdvisor(IWorkbenchWindowConfigurer configurer, List<String> args) {
        super(configurer);
        this.args = args;
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new ConvscopeActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        configurer.setInitialSize(new Point(1400, 900));
        configurer.setShowCoolBar(true);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setShowPerspectiveBar(false);
        configurer.setTitle(Messages.windowTitle(null));
    }

    @Override
    public void postWindowCreate() {
        StartupProbe.install(getWindowConfigurer().getWindow().getShell());
    }

    @Override
    public void postWindowOpen() {
        IWorkbenchWindow window = getWindowConfigurer().getWindow();
        WindowTitle.install(window);
        // The model is read and laid out in Jobs; started after the window's first paint they do
        // not take a core from it on a small machine. A window that is never painted (e.g.
        // minimised) still gets its model after a second.
        Shell shell = window.getShell();
        boolean[] done = new boolean[1];
        Runnable open = () -> {
            if (!done[0] && !shell.isDisposed()) {
                done[0] = true;
                StartupFiles.open(window, args);
            }
        };
        FirstPaint.of(shell, () -> shell.getDisplay().asyncExec(open));
        shell.getDisplay().timerExec(FIRST_PAINT_TIMEOUT_MS, open);
    }
}
