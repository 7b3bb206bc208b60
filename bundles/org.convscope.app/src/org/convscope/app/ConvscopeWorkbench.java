package org.convscope.app;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;

/**
 * Creates the display and runs the Convscope workbench until it closes: what the application
 * does, and what the UI tests do on a thread of their own.
 */
public final class ConvscopeWorkbench {

    private ConvscopeWorkbench() {
    }

    /**
     * @param args the command line's files: a model, then images; none opens the bundled sample
     * @return {@link PlatformUI#RETURN_OK}, {@link PlatformUI#RETURN_RESTART} or another return code
     */
    public static int run(String[] args) {
        Display display = PlatformUI.createDisplay();
        try {
            return PlatformUI.createAndRunWorkbench(display, new ConvscopeWorkbenchAdvisor(args));
        } finally {
            display.dispose();
        }
    }
}
