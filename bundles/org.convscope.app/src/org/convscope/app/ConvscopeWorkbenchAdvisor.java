package org.convscope.app;

import java.util.List;

import org.convscope.ui.ModelOpener;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * Workbench-wide policy: the Convscope perspective, window layout kept across restarts, the theme
 * followed from the start, and the current model's file closed with the workbench.
 */
final class ConvscopeWorkbenchAdvisor extends WorkbenchAdvisor {

    private final List<String> args;

    ConvscopeWorkbenchAdvisor(String[] args) {
        this.args = args == null ? List.of() : List.of(args);
    }

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(true);
        // before the first window, so that GTK's own widgets open in the theme's variant
        UiTheme.start();
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return ConvscopePerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new ConvscopeWindowAdvisor(configurer, args);
    }

    @Override
    public void postShutdown() {
        // after the windows closed, so no part can show or open a model any more
        ModelOpener.closeCurrent();
        super.postShutdown();
    }
}
