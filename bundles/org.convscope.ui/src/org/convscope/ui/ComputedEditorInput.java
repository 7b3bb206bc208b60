package org.convscope.ui;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/**
 * An editor input that is not a file: what it shows is computed from a loaded model and is
 * recomputed on demand, never restored from an earlier session. Implementations give the name and
 * tool tip; equality decides whether opening it again brings the open editor to the front.
 */
public interface ComputedEditorInput extends IEditorInput {

    @Override
    default <T> T getAdapter(Class<T> adapter) {
        return null;
    }

    @Override
    default boolean exists() {
        return false;
    }

    @Override
    default ImageDescriptor getImageDescriptor() {
        return ImageDescriptor.getMissingImageDescriptor();
    }

    @Override
    default IPersistableElement getPersistable() {
        return null;
    }
}
