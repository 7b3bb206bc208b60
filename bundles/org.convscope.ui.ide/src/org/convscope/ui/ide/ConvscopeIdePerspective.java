package org.convscope.ui.ide;

import org.convscope.ui.ViewIds;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The Convscope perspective of an Eclipse IDE: the standalone product's layout (model editors at
 * the top, Properties on the right, the Activation view below the editors) with the Project
 * Explorer on the left, where the model files are.
 */
public final class ConvscopeIdePerspective implements IPerspectiveFactory {

    /** The perspective's id in plugin.xml. */
    public static final String ID = "org.convscope.ui.ide.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(true);

        IFolderLayout files = layout.createFolder("files", IPageLayout.LEFT, 0.2f, editorArea);
        files.addView(IPageLayout.ID_PROJECT_EXPLORER);

        IFolderLayout properties = layout.createFolder("properties", IPageLayout.RIGHT, 0.7f, editorArea);
        properties.addView(IPageLayout.ID_PROP_SHEET);

        IFolderLayout activations = layout.createFolder("activations", IPageLayout.BOTTOM, 0.56f, editorArea);
        activations.addView(ViewIds.ACTIVATIONS);
        activations.addPlaceholder(ViewIds.FILTERS);
        activations.addPlaceholder(ViewIds.GRADCAM);
        activations.addPlaceholder(ViewIds.EXPLAIN);
        activations.addPlaceholder(IPageLayout.ID_PROGRESS_VIEW);

        layout.addShowViewShortcut(IPageLayout.ID_PROJECT_EXPLORER);
        layout.addShowViewShortcut(ViewIds.ACTIVATIONS);
        layout.addShowViewShortcut(ViewIds.FILTERS);
        layout.addShowViewShortcut(ViewIds.GRADCAM);
        layout.addShowViewShortcut(ViewIds.EXPLAIN);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
        layout.addPerspectiveShortcut(ID);
    }
}
