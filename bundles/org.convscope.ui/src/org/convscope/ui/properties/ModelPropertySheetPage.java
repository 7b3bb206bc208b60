package org.convscope.ui.properties;

import java.util.function.Supplier;

import org.convscope.ui.ModelEvents;
import org.convscope.ui.OpenModel;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.IPropertySheetEntry;
import org.eclipse.ui.views.properties.PropertySheetEntry;
import org.eclipse.ui.views.properties.PropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetSorter;
import org.osgi.service.event.EventHandler;

/**
 * The Properties view page of the graph view: the selected layers, or the model itself when no
 * layer is selected, refreshed when weight statistics computed in the background arrive.
 */
public final class ModelPropertySheetPage extends PropertySheetPage {

    private final Supplier<OpenModel> model;
    private final Runnable refresher = this::refreshLater;
    private final IEventBroker broker;
    /*
     * The Properties view passes on selections of the active part only: a model opened while
     * another view is active would leave the previous model's rows here. So the page shows a
     * newly opened model itself.
     */
    private final EventHandler onModelOpened = event -> {
        if (event.getProperty(IEventBroker.DATA) instanceof OpenModel m) {
            inUi(() -> super.selectionChanged(null, new StructuredSelection(m)));
        }
    };

    /** @param model the model the graph view shows, or null */
    public ModelPropertySheetPage(Supplier<OpenModel> model) {
        this.model = model;
        WeightStatsCache.addListener(refresher);
        broker = PlatformUI.getWorkbench().getService(IEventBroker.class);
        if (broker != null) {
            broker.subscribe(ModelEvents.MODEL_OPENED, onModelOpened);
        }
        // Keep the order the sources list rows in (layer first, weights last) instead of A-Z.
        setSorter(new PropertySheetSorter() {

            @Override
            public int compare(IPropertySheetEntry a, IPropertySheetEntry b) {
                return 0;
            }

            @Override
            public int compareCategories(String a, String b) {
                return 0;
            }
        });
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        Control control = getControl();
        // a double click (or Enter) on a weight's row, or its context menu, shows it as a picture
        control.addListener(SWT.DefaultSelection, e -> showPicture());
        if (control.getMenu() != null
                && control.getMenu().getData(MenuManager.MANAGER_KEY) instanceof MenuManager menu) {
            Action show = new Action(Messages.showAsPicture) {

                @Override
                public void run() {
                    showPicture();
                }
            };
            menu.add(new Separator());
            menu.add(show);
            menu.addMenuListener(m -> show.setEnabled(selectedWeight() != null));
        }
    }

    /**
     * Opens the picture of the weight whose row is selected, if one is.
     *
     * @return the dialog, or null when no weight's row is selected
     */
    public WeightDialog showPicture() {
        WeightProperties w = selectedWeight();
        if (w == null || w.weight().dtype().isEmpty()) {
            return null;
        }
        WeightDialog dialog = new WeightDialog(getControl().getShell(), w.layer(), w.weight());
        dialog.open();
        return dialog;
    }

    private WeightProperties selectedWeight() {
        if (getControl() instanceof Tree tree && tree.getSelectionCount() == 1
                && tree.getSelection()[0].getData() instanceof PropertySheetEntry entry && entry.getValues().length == 1
                && entry.getValues()[0] instanceof WeightProperties w) {
            return w;
        }
        return null;
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
        inUi(this::refresh);
    }

    /** Runs {@code r} on the UI thread, unless the page's control is gone by then. */
    private void inUi(Runnable r) {
        Control control = getControl();
        if (control == null || control.isDisposed()) {
            return;
        }
        Display display = control.getDisplay();
        display.asyncExec(() -> {
            if (!control.isDisposed()) {
                r.run();
            }
        });
    }

    @Override
    public void dispose() {
        WeightStatsCache.removeListener(refresher);
        if (broker != null) {
            broker.unsubscribe(onModelOpened);
        }
        super.dispose();
    }
}
