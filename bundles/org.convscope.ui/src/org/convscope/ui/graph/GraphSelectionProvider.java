package org.convscope.ui.graph;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;

/**
 * The graph view's selection as the workbench sees it: a structured selection of
 * {@link org.convscope.core.model.Layer}s. {@link #setSelection} is how others (and tests)
 * select layers in the graph; the view supplies what that does.
 */
public final class GraphSelectionProvider implements ISelectionProvider {

    /** Applies a selection set from outside to the canvas. */
    @FunctionalInterface
    public interface Target {

        /** @param selection the new selection @return the selection as the graph now has it */
        StructuredSelection apply(ISelection selection);
    }

    private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();
    private final Target target;
    private StructuredSelection current = StructuredSelection.EMPTY;

    /** @param target applies outside selections to the canvas */
    public GraphSelectionProvider(Target target) {
        this.target = target;
    }

    @Override
    public void addSelectionChangedListener(ISelectionChangedListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeSelectionChangedListener(ISelectionChangedListener listener) {
        listeners.remove(listener);
    }

    @Override
    public ISelection getSelection() {
        return current;
    }

    @Override
    public void setSelection(ISelection selection) {
        changed(target.apply(selection));
    }

    /** @param selection what the user selected in the graph; tells the listeners */
    public void changed(StructuredSelection selection) {
        current = selection;
        SelectionChangedEvent event = new SelectionChangedEvent(this, selection);
        for (ISelectionChangedListener l : listeners) {
            l.selectionChanged(event);
        }
    }
}
