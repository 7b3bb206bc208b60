package org.convscope.ui.ide;

import org.convscope.ui.ViewIds;
import org.eclipse.core.runtime.ILog;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

/**
 * "Explain…" on a model file: opens it and brings the Explain view to the front on its model,
 * where the person chooses the methods and images (a run there can take minutes, so it does not
 * start by itself).
 */
public final class ExplainHandler extends ModelFileHandler {

    @Override
    void withModel(IWorkbenchPage page) {
        try {
            page.showView(ViewIds.EXPLAIN);
        } catch (PartInitException e) {
            ILog.of(ExplainHandler.class).error("cannot open view " + ViewIds.EXPLAIN, e);
        }
    }
}
