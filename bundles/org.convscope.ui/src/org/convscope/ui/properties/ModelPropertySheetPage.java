package org.convscope.ui.properties;

import java.util.ArrayList;
import java.util.List;
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
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.IPropertySheetEntry;
import org.eclipse.ui.views.properties.PropertySheetEntry;
import org.eclipse.ui.views.properties.PropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetSorter;
import org.osgi.service.event.EventHandler;

/**
 * The Properties view page of a model editor: the selected layers, or the model itself when no
 * layer is selected, refreshed when weight statistics computed in the background arrive.
 */
public final class ModelPropertySheetPage extends PropertySheetPage {

    /** Room either side of a cell's text, in pixels. */
    private static final int CELL_MARGIN = 6;

    private final Supplier<OpenModel> model;
    private final Runnable refresher = this::refreshLater;
    private final IEventBroker broker;
    /*
     * The Properties view passes on selections of the active part only, and an editor's page may
     * be made before its model is loaded: the page shows its model once it is activated.
     */
    private final EventHandler onModelOpened = event -> {
        if (event.getProperty(IEventBroker.DATA) instanceof OpenModel m && isOwn(m)) {
            inUi(() -> super.selectionChanged(null, new StructuredSelection(m)));
        }
    };

    /** @param model the model the editor shows, or null while it loads */
    public ModelPropertySheetPage(Supplier<OpenModel> model) {
        this.model = model;
        WeightStatsCache.addListener(refresher);
        broker = PlatformUI.getWorkbench().getService(IEventBroker.class);
        if (broker != null) {
            broker.subscribe(ModelEvents.MODEL_ACTIVATED, onModelOpened);
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
        if (control instanceof Tree tree) {
            tree.addListener(SWT.Resize, e -> fitColumns(tree));
            tree.addListener(SWT.Expand, e -> inUi(() -> fitColumns(tree)));
            tree.addListener(SWT.Collapse, e -> inUi(() -> fitColumns(tree)));
        }
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
        inUi(this::fitColumns);
    }

    private void fitColumns() {
        if (getControl() instanceof Tree tree) {
            fitColumns(tree);
        }
    }

    /**
     * The platform splits the tree 40:60 once, at its first size, which in a narrow view cuts the
     * names ("Categor"): the name column is as wide as its longest name shown (up to two thirds of
     * the view), the values take the rest, and neither is narrower than its header.
     */
    private static void fitColumns(Tree tree) {
        TreeColumn[] columns = tree.getColumns();
        int width = tree.getClientArea().width;
        if (columns.length < 2 || width <= 0) {
            return;
        }
        GC gc = new GC(tree);
        try {
            int names = header(gc, columns[0]);
            for (TreeItem item : visible(tree.getItems(), new ArrayList<>())) {
                Rectangle text = item.getTextBounds(0);
                names = Math.max(names, text.x + gc.textExtent(item.getText(0)).x + 2 * CELL_MARGIN);
            }
            names = Math.min(names, Math.max(header(gc, columns[0]), width * 2 / 3));
            columns[0].setWidth(names);
            columns[1].setWidth(Math.max(header(gc, columns[1]), width - names));
        } finally {
            gc.dispose();
        }
    }

    private static int header(GC gc, TreeColumn column) {
        return gc.textExtent(column.getText()).x + 4 * CELL_MARGIN;
    }

    private static List<TreeItem> visible(TreeItem[] items, List<TreeItem> out) {
        for (TreeItem item : items) {
            out.add(item);
            if (item.getExpanded()) {
                visible(item.getItems(), out);
            }
        }
        return out;
    }

    private boolean isOwn(OpenModel m) {
        return m == model.get();
    }

    private void refreshLater() {
        inUi(() -> {
            refresh();
            fitColumns();
        });
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
