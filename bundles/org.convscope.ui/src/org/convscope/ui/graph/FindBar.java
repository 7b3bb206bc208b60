package org.convscope.ui.graph;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The find row above the graph (Ctrl+F): matches highlight as one types (a folded group holding a
 * match is highlighted in its place), Enter steps to the next match, unfolding the groups that hide
 * it, and selects it; Escape closes the row.
 */
public final class FindBar {

    private final Composite row;
    private final Text text;
    private final Label count;
    private final GraphCanvas canvas;
    private final Runnable selectionChanged;
    private final Consumer<String> unfold;
    private String query = "";
    private List<String> hits = List.of();
    private int current = -1;

    /**
     * @param parent           the view's composite (a one-column GridLayout)
     * @param canvas           the graph canvas
     * @param selectionChanged told when stepping to a match changed the canvas selection
     * @param unfold           asked to unfold the groups hiding a match (a layer id) and select it
     *                         once laid out anew
     */
    public FindBar(Composite parent, GraphCanvas canvas, Runnable selectionChanged, Consumer<String> unfold) {
        this.canvas = canvas;
        this.selectionChanged = selectionChanged;
        this.unfold = unfold;
        row = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginHeight = 2;
        row.setLayout(layout);
        text = new Text(row, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        text.setMessage(Messages.findHint);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        count = new Label(row, SWT.NONE);
        count.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        text.addModifyListener(e -> search());
        text.addListener(SWT.DefaultSelection, e -> next());
        text.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ESC) {
                setVisible(false);
            }
        });
        setVisible(false);
    }

    /** @return the row, placed above the canvas */
    public Composite control() {
        return row;
    }

    /** @param visible whether to show the row; showing it focuses the text */
    public void setVisible(boolean visible) {
        ((GridData) layoutData()).exclude = !visible;
        row.setVisible(visible);
        row.getParent().layout(true);
        if (visible) {
            text.selectAll();
            text.setFocus();
        } else {
            canvas.setFound(new HashSet<>());
            if (!canvas.control().isDisposed()) {
                canvas.control().setFocus();
            }
        }
    }

    /**
     * Runs the query: as typed, or again for a new layout of the same graph (which keeps the
     * match stepped to).
     */
    public void search() {
        LaidOutGraph graph = canvas.graph();
        String q = text.getText();
        List<String> found = graph == null || !row.getVisible() ? List.of() : GraphFinder.find(graph.model(), q);
        boolean same = q.equals(query) && found.equals(hits);
        query = q;
        hits = found;
        if (!same) {
            current = -1;
        }
        Set<String> boxes = new HashSet<>();
        for (String id : hits) {
            String box = graph.model().shownBy(id);
            boxes.add(box == null ? id : box);
        }
        canvas.setFound(boxes);
        count.setText(q.isBlank()
                ? ""
                : hits.isEmpty()
                        ? Messages.findNone
                        : NLS.bind(Messages.findCount, current + 1, hits.size()));
        row.layout(true);
        if (!same && !hits.isEmpty()) {
            String box = graph.model().shownBy(hits.get(0));
            canvas.reveal(box == null ? hits.get(0) : box);
        }
    }

    /** @return the ids of the layers matching the query */
    public List<String> hits() {
        return hits;
    }

    /** @param q the text to find (as if typed); shows the row */
    public void find(String q) {
        setVisible(true);
        text.setText(q);
    }

    /** Selects and reveals the next match, unfolding the groups that hide it. */
    public void next() {
        if (hits.isEmpty()) {
            return;
        }
        current = (current + 1) % hits.size();
        count.setText(NLS.bind(Messages.findCount, current + 1, hits.size()));
        row.layout(true);
        String id = hits.get(current);
        String box = canvas.graph() == null ? null : canvas.graph().model().shownBy(id);
        if (box != null && !box.equals(id)) {
            unfold.accept(id);
            return;
        }
        canvas.select(List.of(id));
        selectionChanged.run();
    }

    private Object layoutData() {
        if (row.getLayoutData() == null) {
            row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        }
        return row.getLayoutData();
    }
}
