package org.convscope.ui.properties;

import java.util.function.Supplier;

import org.convscope.ui.OpenModel;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.views.properties.PropertySheetPage;

/**
 * The Properties view page of the graph view: the selected layers, or the model itself when no
 * layer is selected, refreshed when weight statistics computed in the background arrive.
 */
public final class ModelPropertySheetPage extends PropertySheetPage {

    private final Supplier<OpenModel> model;
    private final Runnable refresher = this::refreshLater;

    /** @param model the model the graph view shows, or null */
    public ModelPropertySheetPage(Supplier<OpenModel> model) {
        this.model = model;
        WeightStatsCache.addListener(refresher);
    }

    @Override
    public void selectionChanged(IWorkbenchPart part, ISelection selection) {
        OpenModel m = model.get();
        if ((selection == null || selection.isEmpty()) && m != null) {
            super.selectionChanged(part, new StructuredSelection(m));
        } else {
            super.selectionChanged(part, selection);
        }
    }

    private void refreshLater() {
        Control control = getControl();
        if (control == null || control.isDisposed()) {
            return;
        }
        Display display = control.getDisplay();
        display.asyncExec(() -> {
            if (!control.isDisposed()) {
                refresh();
            }
        });
    }

    @Override
    public void dispose() {
        WeightStatsCache.removeListener(refresher);
        super.dispose();
    }
}
