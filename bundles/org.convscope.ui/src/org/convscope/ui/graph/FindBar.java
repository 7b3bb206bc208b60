package org.convscope.ui.graph;

import java.util.HashSet;
import java.util.List;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The find row above the graph (Ctrl+F): matches highlight as one types, Enter steps to the next
 * match and selects it, Escape closes the row.
 */
public final class FindBar {

    private final Composite row;
    private final Text text;
    private final Label count;
    private final GraphCanvas canvas;
    private final Runnable selectionChanged;
    private List<String> hits = List.of();
    private int current = -1;

    /**
     * @param parent           the view's composite (a one-column GridLayout)
     * @param canvas           the graph canvas
     * @param selectionChanged told when stepping to a match changed the canvas selection
     */
    public FindBar(Composite parent, GraphCanvas canvas, Runnable selectionChanged) {
        this.canvas = canvas;
        this.selectionChanged = selectionChanged;
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

    /** Runs the query again, for a new layout of the same graph. */
    public void search() {
        LaidOutGraph graph = canvas.graph();
        hits = graph == null || !row.getVisible() ? List.of() : GraphFinder.find(graph.model(), text.getText());
        current = -1;
        canvas.setFound(new HashSet<>(hits));
        count.setText(text.getText().isBlank()
                ? ""
                : hits.isEmpty()
                        ? Messages.findNone
                        : NLS.bind(Messages.findCount, 0, hits.size()));
        row.layout(true);
        if (!hits.isEmpty()) {
            canvas.reveal(hits.get(0));
        }
    }

    /** Selects and reveals the next match. */
    public void next() {
        if (hits.isEmpty()) {
            return;
        }
        current = (current + 1) % hits.size();
        canvas.select(List.of(hits.get(current)));
        count.setText(NLS.bind(Messages.findCount, current + 1, hits.size()));
        row.layout(true);
        selectionChanged.run();
    }

    private Object layoutData() {
        if (row.getLayoutData() == null) {
            row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        }
        return row.getLayoutData();
    }
}
