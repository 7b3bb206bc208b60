package org.convscope.app;

import java.util.List;

import org.convscope.ui.theme.UiTheme;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * Workbench-wide policy: the Convscope perspective, the window layout kept across restarts and the
 * theme followed from the start. The model editors let go of their models' files as the window
 * closes them.
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
}
