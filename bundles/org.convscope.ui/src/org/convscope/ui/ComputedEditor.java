package org.convscope.ui;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.ui.part.EditorPart;

/**
 * An editor of computed data (a {@link ComputedEditorInput}): never dirty, nothing to save; its
 * export actions write files instead.
 */
public abstract class ComputedEditor extends EditorPart {

    @Override
    public final void doSave(IProgressMonitor monitor) {
        // nothing to save: the editor shows computed data
    }

    @Override
    public final void doSaveAs() {
        // see doSave; isSaveAsAllowed is false
    }

    @Override
    public final boolean isDirty() {
        return false;
    }

    @Override
    public final boolean isSaveAsAllowed() {
        return false;
    }
}
