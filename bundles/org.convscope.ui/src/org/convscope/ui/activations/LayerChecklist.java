package org.convscope.ui.activations;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.convscope.core.model.Layer;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * The Activation view's list of layers with checkboxes. The table is virtual: a row is made only
 * when it scrolls into sight, so opening a model of thousands of layers does not hold up the UI
 * thread while every row is created and measured. The ticks live here, not in the rows.
 */
public final class LayerChecklist {

    private final TableViewer viewer;
    private List<Layer> layers = List.of();
    private final Set<Layer> checked = new HashSet<>();

    /**
     * @param parent  the parent
     * @param changed told after the user ticks or unticks a layer
     */
    public LayerChecklist(Composite parent, Runnable changed) {
        // A plain viewer over a CHECK table: JFace's CheckboxTableViewer carries ticks across a
        // refresh by each row's element, and a virtual row cleared for a new model still holds the
        // old model's element, so the old ticks would come back on blank rows.
        viewer = new TableViewer(parent, SWT.CHECK | SWT.BORDER | SWT.MULTI | SWT.FULL_SELECTION | SWT.VIRTUAL);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setLabelProvider(
                LabelProvider.createTextProvider(o -> ((Layer) o).id() + "  " + ((Layer) o).kerasClass()));
        // A row takes its tick from here when it is made. This listener comes after the viewer's
        // own, which gives the row its layer.
        viewer.getTable().addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            item.setChecked(checked.contains(item.getData()));
        });
        viewer.getTable().addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK && e.item instanceof TableItem item && item.getData() instanceof Layer layer) {
                if (item.getChecked()) {
                    checked.add(layer);
                } else {
                    checked.remove(layer);
                }
                changed.run();
            }
        });
    }

    /** @param all the layers to list, none ticked */
    public void setLayers(List<Layer> all) {
        layers = List.copyOf(all);
        checked.clear();
        viewer.setInput(layers);
    }

    /** @return the ticked layers, in list order */
    public List<Layer> checked() {
        return layers.stream().filter(checked::contains).toList();
    }

    /**
     * Ticks exactly {@code ticked} and scrolls the first into sight. The rows are cleared and made
     * again as they show, taking their ticks from here: ticking a row SWT has not made yet would
     * leave it blank (GTK marks it made), and a cleared row still holds an earlier model's layer.
     */
    public void setChecked(List<Layer> ticked) {
        checked.clear();
        checked.addAll(ticked);
        viewer.refresh();
        if (!ticked.isEmpty()) {
            int index = layers.indexOf(ticked.get(0));
            if (index >= 0) {
                Table table = viewer.getTable();
                table.showItem(table.getItem(index));
            }
        }
    }

    /** @return the viewer (the view's selection provider) */
    public TableViewer viewer() {
        return viewer;
    }
}
