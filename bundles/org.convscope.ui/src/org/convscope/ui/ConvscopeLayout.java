package org.convscope.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;

/**
 * The views around the model editors, as both Convscope perspectives lay them out (the standalone
 * product's and the Eclipse IDE's): fitted to a 1366 &times; 768 screen, the Properties view on the
 * right and the Activation view below the editors, with Filters, Grad-CAM and Explain opened beside
 * it on demand.
 */
public final class ConvscopeLayout {

    private ConvscopeLayout() {
    }

    /** Adds the views and their Show View shortcuts around {@code layout}'s editor area. */
    public static void addViews(IPageLayout layout) {
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
