package org.convscope.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.model.Layer;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.render.ChannelGrid;
import org.convscope.core.render.GridGeometry;
import org.convscope.core.render.GridOptions;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.analysis.ChannelDifference;
import org.convscope.ui.ComputedEditor;
import org.convscope.ui.activations.ActivationRun;
import org.convscope.ui.activations.InputKey;
import org.convscope.ui.grid.GridControls;
import org.convscope.ui.grid.GridModel;
import org.convscope.ui.grid.LinkedPanes;
import org.convscope.ui.grid.ZoomCanvas;
import org.convscope.ui.prefs.UiPreferences;
import org.convscope.ui.views.AnalysisJob;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;

/**
 * One layer for two or more inputs side by side on one shared scale, the difference A − B, and the
 * channels ranked by how differently they respond. Zoom, scroll and hover follow each other in all
 * panes; the layer is switched in place.
 */
public final class CompareEditor extends ComputedEditor {

    /** The editor's id in plugin.xml. */
    public static final String ID = "org.convscope.ui.editors.compare";

    private GridControls controls;
    private Combo layerCombo;
    private Label status;
    private Label hover;
    private Table rankingTable;
    private final LinkedPanes linked = new LinkedPanes(this::pointerMoved);
    private final List<ZoomCanvas> panes = linked.panes();
    private final List<String> layerIds = new ArrayList<>();
    private List<ActivationRun> runs = List.of();
    private CompareModel model;
    private String layerId;
    private Point hoverPixel;
    private int highlighted = -1;
    private boolean perRowChosen;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof CompareEditorInput in)) {
            throw new PartInitException(Messages.bind(Messages.wrongInput, input.getName()));
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
        layerId = in.layerId();
    }

    private CompareEditorInput compareInput() {
        return (CompareEditorInput) getEditorInput();
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        controls = new GridControls(parent, UiPreferences.workbench().gridOptions(), o -> {
            perRowChosen |= model != null && o.perRow() != model.options().perRow();
            if (model != null) {
                model.setOptions(o);
                showModel();
            }
        }, false);
        controls.onZoom(f -> panes.get(0).zoomBy(f), () -> panes.get(0).fit(), () -> panes.get(0).actualSize());
        Composite layerRow = new Composite(parent, SWT.NONE);
        layerRow.setLayout(GridLayoutFactory.fillDefaults().numColumns(3).margins(5, 0).create());
        layerRow.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        new Label(layerRow, SWT.NONE).setText(Messages.layer);
        layerCombo = new Combo(layerRow, SWT.READ_ONLY);
        layerCombo.setLayoutData(GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).create());
        layerCombo.addListener(SWT.Selection, e -> showLayer(layerIds.get(layerCombo.getSelectionIndex())));
        status = new Label(layerRow, SWT.NONE);
        status.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).create());

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        List<InputKey> inputs = compareInput().inputs();
        Composite row = new Composite(sash, SWT.NONE);
        row.setLayout(new GridLayout(inputs.size() + 1, true));
        for (int i = 0; i <= inputs.size(); i++) {
            linked.add(row, i < inputs.size() ? inputs.get(i).fileName() : Messages.differenceTitle)
                    .addOverlay(this::paintMarks);
        }
        rankingTable = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        UiTheme.follow(rankingTable, p -> {
            // the gutters are part of the rendered grids
            GridOptions o = (model == null ? controls.options() : model.options()).withBackground(p.gutterArgb());
            controls.set(o);
            if (model != null) {
                model.setOptions(o);
                showModel();
            }
        });
        rankingTable.setHeaderVisible(true);
        for (String h : new String[] { Messages.colRank, Messages.colChannel, Messages.colMeanA, Messages.colMeanB,
                Messages.colMeanAbs, Messages.colScore }) {
            TableColumn c = new TableColumn(rankingTable, SWT.RIGHT);
            c.setText(h);
            c.setWidth(120);
        }
        rankingTable.addListener(SWT.Selection, e -> {
            highlighted = rankingTable.getSelectionIndex() < 0
                    ? -1
                    : model.ranking().get(rankingTable.getSelectionIndex()).channel();
            panes.forEach(ZoomCanvas::redraw);
        });
        sash.setWeights(3, 1);
        hover = new Label(parent, SWT.NONE);
        hover.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        loadRuns();
    }

    private void pointerMoved(int x, int y) {
        hoverPixel = x < 0 ? null : new Point(x, y);
        String text = model == null || x < 0 ? "" : model.hoverText(x, y);
        hover.setText(text);
        getEditorSite().getActionBars().getStatusLineManager().setMessage(text);
        panes.forEach(ZoomCanvas::redraw);
    }

    /**
     * Computes the inputs not yet run (in one background Job, one progress over all of them), then
     * shows the layer.
     */
    private void loadRuns() {
        CompareEditorInput in = compareInput();
        status.setText(Messages.computing);
        new AnalysisJob<>(Messages.computing, CompareEditor.class, monitor -> {
            monitor.begin(Messages.computing, in.inputs().size());
            List<ActivationRun> done = new ArrayList<>();
            for (InputKey k : in.inputs()) {
                ProgressMonitor part = monitor.child(1);
                done.add(in.provider().compute(k, part));
                part.done();
            }
            return done;
        }, AnalysisJob.inUi(status, outcome -> {
            if (outcome.ok()) {
                runsReady(outcome.value());
            } else {
                AnalysisJob.showError(getEditorSite().getActionBars(), outcome.status());
                status.setText(outcome.message());
            }
        })).schedule();
    }

    private void runsReady(List<ActivationRun> done) {
        runs = done;
        layerIds.clear();
        layerCombo.removeAll();
        for (Layer l : compareInput().provider().layers()) {
            boolean drawable = runs.stream().allMatch(r -> r.output(l.id()).map(t -> t.rank() >= 2).orElse(false));
            if (drawable) {
                layerIds.add(l.id());
                layerCombo.add(l.id() + " (" + l.kerasClass() + ")");
            }
        }
        showLayer(layerId);
    }

    /** Shows {@code id} for every input, in place. */
    public void showLayer(String id) {
        layerId = id;
        layerCombo.select(layerIds.indexOf(id));
        List<Tensor> outputs = new ArrayList<>();
        for (ActivationRun r : runs) {
            Optional<Tensor> t = r.output(id);
            if (t.isEmpty()) {
                status.setText(r.row(id).map(x -> x.error()).orElse(Messages.bind(Messages.noLayer, id)));
                return;
            }
            outputs.add(t.get());
        }
        try {
            model = new CompareModel(compareInput().inputs().stream().map(InputKey::fileName).toList(), outputs,
                    model == null ? controls.options() : model.options());
        } catch (AnalysisException e) {
            status.setText(e.getMessage());
            return;
        }
        highlighted = -1;
        if (!perRowChosen) {
            // until the user picks a row length, each layer is laid out to fill the panes
            Rectangle pane = panes.get(0).control().getClientArea();
            if (pane.width > 0 && pane.height > 0) {
                GridOptions fitted = model.options().withPerRow(model.bestPerRow(pane.width, pane.height));
                model.setOptions(fitted);
                controls.set(fitted);
            }
        }
        showModel();
    }

    private void showModel() {
        for (int i = 0; i < model.grids().size(); i++) {
            panes.get(i).setImage(model.grids().get(i).image());
        }
        panes.get(panes.size() - 1).setImage(model.differenceGrid().image());
        rankingTable.removeAll();
        int rank = 1;
        for (ChannelDifference d : model.ranking()) {
            TableItem item = new TableItem(rankingTable, SWT.NONE);
            item.setText(new String[] { Integer.toString(rank++), Integer.toString(d.channel()),
                    GridModel.format(d.meanA()), GridModel.format(d.meanB()), GridModel.format(d.meanAbsDiff()),
                    GridModel.format(d.score()) });
        }
        ChannelDifference top = model.ranking().get(0);
        status.setText(Messages.bind(Messages.summary, new Object[] { layerId,
                GridModel.shapeText(model.difference().shape()), top.channel(), GridModel.format(top.score()) }));
        status.setToolTipText(status.getText());
    }

    /** Outlines the hovered tile and pixel in every pane, and the channel picked in the ranking. */
    private void paintMarks(GC gc, ZoomCanvas c) {
        if (model == null) {
            return;
        }
        ChannelGrid grid = model.grids().get(0);
        GridGeometry g = grid.geometry();
        gc.setLineWidth(2);
        if (highlighted >= 0) {
            gc.setForeground(UiTheme.color(UiTheme.palette().markPicked()));
            Rectangle r = c.toCanvas(g.tileX(highlighted), g.tileY(highlighted), g.tilePixelWidth(),
                    g.tilePixelHeight());
            gc.drawRectangle(r.x, r.y, r.width - 1, r.height - 1);
        }
        GridGeometry.TilePoint p = hoverPixel == null ? null : g.pointAt(hoverPixel.x, hoverPixel.y);
        if (p != null) {
            gc.setForeground(UiTheme.color(UiTheme.palette().markHover()));
            int ch = p.channel();
            Rectangle r = c.toCanvas(g.tileX(ch), g.tileY(ch), g.tilePixelWidth(), g.tilePixelHeight());
            gc.drawRectangle(r.x, r.y, r.width - 1, r.height - 1);
            gc.setLineWidth(1);
            Rectangle px = c.toCanvas(hoverPixel.x, hoverPixel.y, 1, 1);
            gc.drawRectangle(px.x - 1, px.y - 1, px.width + 1, px.height + 1);
        }
    }

    /** @return what is shown, or null while computing (for tests) */
    public CompareModel model() {
        return model;
    }

    /** @return the panes: one per input, then the difference (for tests) */
    public List<ZoomCanvas> panes() {
        return List.copyOf(panes);
    }

    /** @return the status line's text */
    public String statusText() {
        return status.getText();
    }

    @Override
    public void setFocus() {
        if (!panes.isEmpty()) {
            panes.get(0).control().setFocus();
        }
    }
}
