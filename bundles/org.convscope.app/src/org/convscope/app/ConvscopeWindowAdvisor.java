package org.convscope.app;

import java.nio.file.Path;
import java.util.List;

import org.convscope.ui.ModelOpener;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** The Convscope window: its size and bars, and what it opens first. */
final class ConvscopeWindowAdvisor extends WorkbenchWindowAdvisor {

    private static final int FIRST_PAINT_TIMEOUT_MS = 1000;
    /** The window's size on a screen that has room for it. */
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 900;

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
        configurer.setInitialSize(fitted(new Point(WIDTH, HEIGHT), screen()));
        configurer.setShowCoolBar(true);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setShowPerspectiveBar(false);
        configurer.setTitle(Messages.windowTitle(null));
        // model files dropped on the editor area open as editors, as files do in an Eclipse IDE
        configurer.addEditorAreaTransfer(FileTransfer.getInstance());
        configurer.configureEditorAreaDropListener(new DropTargetAdapter() {

            @Override
            public void dragEnter(DropTargetEvent e) {
                e.detail = DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent e) {
                if (e.data instanceof String[] names) {
                    for (String name : names) {
                        ModelOpener.open(configurer.getWindow(), Path.of(name));
                    }
                }
            }
        });
    }

    @Override
    public void postWindowCreate() {
        Shell shell = getWindowConfigurer().getWindow().getShell();
        // a size restored from a larger screen (or a session that saved one) must not overhang this one
        Rectangle area = shell.getMonitor() == null ? screen() : shell.getMonitor().getClientArea();
        Rectangle bounds = shell.getBounds();
        Point size = fitted(new Point(bounds.width, bounds.height), area);
        shell.setBounds(Math.max(area.x, Math.min(bounds.x, area.x + area.width - size.x)),
                Math.max(area.y, Math.min(bounds.y, area.y + area.height - size.y)), size.x, size.y);
        StartupProbe.install(shell);
    }

    /** @return the primary screen's area for windows (without panels and docks) */
    private static Rectangle screen() {
        return PlatformUI.getWorkbench().getDisplay().getPrimaryMonitor().getClientArea();
    }

    /** @return {@code size}, no larger than {@code area} */
    static Point fitted(Point size, Rectangle area) {
        return new Point(Math.min(size.x, area.width), Math.min(size.y, area.height));
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
