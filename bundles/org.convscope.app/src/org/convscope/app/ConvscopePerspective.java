package org.convscope.app;

import org.convscope.ui.ViewIds;
import org.eclipse.ui.IFolderLayout;
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
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(true);

        IFolderLayout properties = layout.createFolder("properties", IPageLayout.RIGHT, 0.7f, editorArea);
        properties.addView(IPageLayout.ID_PROP_SHEET);

        IFolderLayout activations = layout.createFolder("activations", IPageLayout.BOTTOM, 0.56f, editorArea);
        activations.addView(ViewIds.ACTIVATIONS);
        // Opened on demand (graph context menu, Window > Show View) beside the activations.
        activations.addPlaceholder(ViewIds.FILTERS);
        activations.addPlaceholder(ViewIds.GRADCAM);
        activations.addPlaceholder(ViewIds.EXPLAIN);
        activations.addPlaceholder(IPageLayout.ID_PROGRESS_VIEW);

        layout.addShowViewShortcut(ViewIds.ACTIVATIONS);
        layout.addShowViewShortcut(ViewIds.FILTERS);
        layout.addShowViewShortcut(ViewIds.GRADCAM);
        layout.addShowViewShortcut(ViewIds.EXPLAIN);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
    }
}
