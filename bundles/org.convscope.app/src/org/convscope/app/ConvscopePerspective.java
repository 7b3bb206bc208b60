package org.convscope.app;

import org.convscope.ui.ViewIds;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The Convscope perspective: the model graph on the left, the editor area (channel grids,
 * comparisons) in the middle, properties on the right and the activation view below.
 */
public final class ConvscopePerspective implements IPerspectiveFactory {

    /** The perspective's id in plugin.xml. */
    public static final String ID = "org.convscope.app.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(true);

        IFolderLayout graph = layout.createFolder("graph", IPageLayout.LEFT, 0.38f, editorArea);
        graph.addView(ViewIds.MODEL_GRAPH);

        IFolderLayout properties = layout.createFolder("properties", IPageLayout.RIGHT, 0.72f, editorArea);
        properties.addView(IPageLayout.ID_PROP_SHEET);

        IFolderLayout activations = layout.createFolder("activations", IPageLayout.BOTTOM, 0.55f, editorArea);
        activations.addView(ViewIds.ACTIVATIONS);
        // Opened on demand (graph context menu, Window > Show View) beside the activations.
        activations.addPlaceholder(ViewIds.FILTERS);
        activations.addPlaceholder(ViewIds.GRADCAM);
        activations.addPlaceholder(ViewIds.EXPLAIN);
        activations.addPlaceholder(IPageLayout.ID_PROGRESS_VIEW);

        layout.addShowViewShortcut(ViewIds.MODEL_GRAPH);
        layout.addShowViewShortcut(ViewIds.ACTIVATIONS);
        layout.addShowViewShortcut(ViewIds.FILTERS);
        layout.addShowViewShortcut(ViewIds.GRADCAM);
        layout.addShowViewShortcut(ViewIds.EXPLAIN);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
    }
}
