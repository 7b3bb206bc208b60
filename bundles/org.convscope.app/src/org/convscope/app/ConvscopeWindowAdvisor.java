package org.convscope.app;

import java.util.List;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** The Convscope window: its size and bars, and what it opens first. */
final class ConvscopeWindowAdvisor extends WorkbenchWindowAdvisor {

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
        WindowTitle.install(getWindowConfigurer().getWindow());
        StartupFiles.open(getWindowConfigurer().getWindow(), args);
    }
}
