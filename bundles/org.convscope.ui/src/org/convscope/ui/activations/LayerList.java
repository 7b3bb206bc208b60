package org.convscope.ui.activations;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.convscope.core.model.Layer;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * The Activation view's list of layers with checkboxes. The table is virtual: a row is made only
 * when it scrolls into sight, so opening a model of thousands of layers does not hold up the UI
 * thread while every row is created and measured. The ticks live here, not in the rows.
 */
public final class LayerList {

    private final CheckboxTableViewer viewer;
    private List<Layer> layers = List.of();
    private final Set<Layer> checked = new HashSet<>();

    /**
     * @param parent  the parent
     * @param changed told after the user ticks or unticks a layer
     */
    public LayerList(Composite parent, Runnable changed) {
        viewer = CheckboxTableViewer.newCheckList(parent, SWT.BORDER | SWT.MULTI | SWT.FULL_SELECTION | SWT.VIRTUAL);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setLabelProvider(LabelProvider.createTextProvider(o -> ((Layer) o).id() + "  " + ((Layer) o).kerasClass()));
        // A row made late takes its tick from here. (JFace's ICheckStateProvider would look the row
        // up among all rows for every row made, which costs thousands of layers dearly.) This
        // listener comes after the viewer's own, which gives the row its layer.
        viewer.getTable().addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            item.setChecked(checked.contains(item.getData()));
        });
        viewer.addCheckStateListener(e -> {
            if (e.getChecked()) {
                checked.add((Layer) e.getElement());
            } else {
                checked.remove(e.getElement());
            }
            changed.run();
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
     * Ticks exactly {@code ticked} and scrolls the first into sight. Only rows already made are
     * touched; the others take their tick from here when they are made.
     */
    public void setChecked(List<Layer> ticked) {
        Set<Layer> before = new HashSet<>(checked);
        checked.clear();
        checked.addAll(ticked);
        Table table = viewer.getTable();
        // getItems, unlike getItem, does not make the rows it returns
        for (TableItem item : table.getItems()) {
            Object data = item.getData();
            if (data != null && before.contains(data) != checked.contains(data)) {
                item.setChecked(checked.contains(data));
            }
        }
        if (!ticked.isEmpty()) {
            int index = layers.indexOf(ticked.get(0));
            if (index >= 0) {
                table.showItem(table.getItem(index));
            }
        }
    }

    /** @return the viewer (the view's selection provider) */
    public CheckboxTableViewer viewer() {
        return viewer;
    }
}
