package org.convscope.app;

import org.convscope.ui.ConvscopeLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The Convscope perspective, laid out to fit a 1366 &times; 768 screen: the model editors (one
 * graph per open model, as tabs) fill the editor area at the top left, the Properties view is on
 * the right, and the Activation view (with Filters, Grad-CAM and Explain opened beside it) is
 * below the editors.
 */
public final class ConvscopePerspective implements IPerspectiveFactory {

    /** The perspective's id in plugin.xml. */
    public static final String ID = "org.convscope.app.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        ConvscopeLayout.addViews(layout);
    }
}
