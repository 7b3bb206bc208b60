package org.convscope.ui.grid;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

import org.convscope.core.render.Colormap;
import org.convscope.core.render.GridOptions;
import org.convscope.core.render.NormalizationScope;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;

/**
 * The row of controls above a grid: tiles per row, colour map, scale, zoom and export. The grid
 * and compare editors share it; the compare editor leaves out the scale (it always shares one).
 */
public final class GridControls {

    private static final NormalizationScope[] SCOPES = { NormalizationScope.CHANNEL, NormalizationScope.LAYER,
            NormalizationScope.GLOBAL };

    private final Composite row;
    private final Spinner perRow;
    private final Combo colormap;
    private final Combo scope;
    private final Consumer<GridOptions> changed;
    private GridOptions options;

    /**
     * @param parent  where the row goes (a GridLayout parent)
     * @param initial the options to start with
     * @param changed told of every change the user makes
     */
    public GridControls(Composite parent, GridOptions initial, Consumer<GridOptions> changed) {
        this(parent, initial, changed, true);
    }

    /** Same, with or without the scale choice. */
    public GridControls(Composite parent, GridOptions initial, Consumer<GridOptions> changed, boolean withScope) {
        this.options = initial;
        this.changed = changed;
        row = new Composite(parent, SWT.NONE);
        row.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.center = true;
        layout.marginTop = 0;
        layout.marginBottom = 0;
        row.setLayout(layout);

        new Label(row, SWT.NONE).setText(Messages.perRow);
        perRow = new Spinner(row, SWT.BORDER);
        perRow.setValues(initial.perRow(), 1, 256, 0, 1, 8);
        perRow.addListener(SWT.Selection, e -> update(options.withPerRow(perRow.getSelection())));

        new Label(row, SWT.NONE).setText(Messages.colormap);
        colormap = new Combo(row, SWT.READ_ONLY);
        for (Colormap c : Colormap.values()) {
            colormap.add(c.id());
        }
        colormap.select(initial.colormap().ordinal());
        colormap.addListener(SWT.Selection,
                e -> update(options.withColormap(Colormap.values()[colormap.getSelectionIndex()])));

        if (withScope) {
            new Label(row, SWT.NONE).setText(Messages.scope);
            scope = new Combo(row, SWT.READ_ONLY);
            for (NormalizationScope s : SCOPES) {
                scope.add(GridEditor.scopeLabel(s));
            }
            scope.select(Math.max(0, Arrays.asList(SCOPES).indexOf(initial.scope())));
            scope.addListener(SWT.Selection, e -> update(options.withScope(SCOPES[scope.getSelectionIndex()])));
        } else {
            scope = null;
        }
    }

    /** Adds the zoom buttons: out, in, fit, actual size. */
    public void onZoom(DoubleConsumer zoomBy, Runnable fit, Runnable actual) {
        button(Messages.zoomOut, Messages.zoomOutTip, () -> zoomBy.accept(0.8));
        button(Messages.zoomIn, Messages.zoomInTip, () -> zoomBy.accept(1.25));
        button(Messages.zoomFit, Messages.zoomFitTip, fit);
        button(Messages.zoomActual, Messages.zoomActualTip, actual);
    }

    /** Adds the export buttons. */
    public void onExport(Runnable png, Runnable npy) {
        button(Messages.exportPng, Messages.exportPngTip, png);
        button(Messages.exportNpy, Messages.exportNpyTip, npy);
    }

    private void button(String text, String tip, Runnable action) {
        Button b = new Button(row, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.addListener(SWT.Selection, e -> action.run());
    }

    private void update(GridOptions o) {
        options = o;
        changed.accept(o);
    }

    /** Shows {@code o} without telling the listener. */
    public void set(GridOptions o) {
        options = o;
        perRow.setSelection(o.perRow());
        colormap.select(o.colormap().ordinal());
        if (scope != null) {
            scope.select(Math.max(0, Arrays.asList(SCOPES).indexOf(o.scope())));
        }
    }

    /** @return the options as chosen */
    public GridOptions options() {
        return options;
    }
}
