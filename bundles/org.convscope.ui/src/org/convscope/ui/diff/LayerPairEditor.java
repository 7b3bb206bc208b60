package org.convscope.ui.diff;

import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.render.GridOptions;
import org.convscope.engine.analysis.ChannelDifference;
import org.convscope.ui.ComputedEditor;
import org.convscope.ui.compare.CompareModel;
import org.convscope.ui.grid.GridModel;
import org.convscope.ui.grid.LinkedPanes;
import org.convscope.ui.grid.ZoomCanvas;
import org.convscope.ui.prefs.UiPreferences;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;

/**
 * One matched layer of two models for one input: A's channel grid, B's, and A − B, on the compare
 * editor's shared scale ({@link CompareModel}); zoom and scroll follow each other in the panes.
 */
public final class LayerPairEditor extends ComputedEditor {

    /** The editor's id in plugin.xml. */
    public static final String ID = "org.convscope.ui.editors.layerPair";

    private final LinkedPanes linked = new LinkedPanes(this::pointerMoved);
    private final List<ZoomCanvas> panes = linked.panes();
    private Label status;
    private Label hover;
    private CompareModel model;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof LayerPairInput)) {
            throw new PartInitException(Messages.bind(Messages.wrongInput, input.getName()));
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
    }

    private LayerPairInput pair() {
        return (LayerPairInput) getEditorInput();
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayout(new GridLayout(3, true));
        row.setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        LayerPairInput in = pair();
        linked.add(row, in.names().get(0));
        linked.add(row, in.names().get(1));
        linked.add(row, Messages.differenceTitle);
        hover = new Label(parent, SWT.NONE);
        hover.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        try {
            model = new CompareModel(List.of("A", "B"), in.output(), UiPreferences.workbench().gridOptions());
        } catch (AnalysisException e) {
            status.setText(e.getMessage());
            return;
        }
        UiTheme.follow(row, p -> {
            // the gutters are part of the rendered grids
            model.setOptions(model.options().withBackground(p.gutterArgb()));
            show();
        });
        // laid out once the panes have their size, so that the grid fills them
        row.getDisplay().asyncExec(() -> {
            if (!row.isDisposed()) {
                show();
            }
        });
    }

    private void pointerMoved(int x, int y) {
        hover.setText(model == null || x < 0 ? "" : model.hoverText(x, y));
    }

    private void show() {
        Rectangle area = panes.get(0).control().getClientArea();
        if (area.width > 0 && area.height > 0) {
            GridOptions fitted = model.options().withPerRow(model.bestPerRow(area.width, area.height));
            model.setOptions(fitted);
        }
        panes.get(0).setImage(model.grids().get(0).image());
        panes.get(1).setImage(model.grids().get(1).image());
        panes.get(2).setImage(model.differenceGrid().image());
        ChannelDifference top = model.ranking().get(0);
        status.setText(Messages.bind(Messages.pairSummary, new Object[] { pair().input(),
                GridModel.shapeText(model.difference().shape()), top.channel(), GridModel.format(top.score()) }));
        status.setToolTipText(status.getText());
    }

    /** @return what is shown, or null when the outputs cannot be compared (for tests) */
    public CompareModel model() {
        return model;
    }

    /** @return the status line's text */
    public String statusText() {
        return status.getText();
    }

    @Override
    public void setFocus() {
        panes.get(0).control().setFocus();
    }
}
