package org.convscope.ui.ide;

import org.convscope.ui.ConvscopeLayout;
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
        IFolderLayout files = layout.createFolder("files", IPageLayout.LEFT, 0.2f, layout.getEditorArea());
        files.addView(IPageLayout.ID_PROJECT_EXPLORER);
        ConvscopeLayout.addViews(layout);
        layout.addShowViewShortcut(IPageLayout.ID_PROJECT_EXPLORER);
        layout.addPerspectiveShortcut(ID);
    }
}
