package org.convscope.ui.ide;

import org.convscope.ui.ViewIds;
import org.convscope.ui.views.ActivationView;
import org.eclipse.core.runtime.ILog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

/**
 * "Compute activations…" on a model file: opens it, shows the Activation view and computes the
 * view's current input (a bundled sample until the person chooses an image there).
 */
public final class ComputeActivationsHandler extends ModelFileHandler {

    @Override
    void withModel(IWorkbenchPage page) {
        try {
            if (page.showView(ViewIds.ACTIVATIONS) instanceof ActivationView view) {
                view.compute();
            }
        } catch (PartInitException e) {
            ILog.of(ComputeActivationsHandler.class).error("cannot open view " + ViewIds.ACTIVATIONS, e);
        }
    }
}
