package org.convscope.ui.activations;

import java.util.Locale;
import java.util.function.Function;

import org.convscope.ui.theme.UiTheme;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;

/** The Activation view's result table: one {@link LayerRow} a line. */
public final class ResultTable {

    private final TableViewer viewer;

    public ResultTable(Composite parent) {
        // virtual: a run of thousands of layers lists them without making every row up front
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.VIRTUAL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column(Messages.colLayer, 160, SWT.LEFT, LayerRow::layerId);
        column(Messages.colClass, 110, SWT.LEFT, LayerRow::kerasClass);
        column(Messages.colShape, 120, SWT.LEFT, LayerRow::shapeText);
        column(Messages.colMean, 80, SWT.RIGHT, r -> number(r.mean()));
        column(Messages.colMax, 80, SWT.RIGHT, r -> number(r.max()));
        column(Messages.colZeros, 70, SWT.RIGHT,
                r -> Double.isNaN(r.zeroShare()) ? "" : String.format(Locale.ROOT, "%.1f", r.zeroShare() * 100));
        column(Messages.colDead, 90, SWT.RIGHT,
                r -> r.ok() && r.shape() != null ? r.dead() + " / " + r.channels() : "");
        column(Messages.colProblem, 360, SWT.LEFT, r -> r.error() == null ? "" : r.error());
    }

    private void column(String title, int width, int align, Function<LayerRow, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, align);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {

            @Override
            public String getText(Object element) {
                return text.apply((LayerRow) element);
            }

            @Override
            public Color getForeground(Object element) {
                // a layer the engine cannot run reads as a problem at a glance; the others stay plain
                return ((LayerRow) element).ok()
                        ? null
                        : UiTheme.color(UiTheme.palette().problem());
            }
        });
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-3)
                ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    /** @return the viewer */
    public TableViewer viewer() {
        return viewer;
    }
}
