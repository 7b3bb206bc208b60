package org.convscope.ui.diff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.convscope.core.diff.MatchStatus;
import org.convscope.core.diff.StructureDiff;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.analysis.LayerDivergence;
import org.convscope.engine.analysis.ModelDiff;
import org.convscope.engine.analysis.OutputAgreement;
import org.convscope.ui.ComputedEditor;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.editor.EditorPlacement;
import org.convscope.ui.editor.GraphEditorPart;
import org.convscope.ui.graph.GraphCanvas;
import org.convscope.ui.graph.GraphGroups;
import org.convscope.ui.graph.GraphLayoutJob;
import org.convscope.ui.graph.GraphModel;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.NodeGeometry;
import org.convscope.ui.grid.GridModel;
import org.convscope.ui.views.AnalysisJob;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;

/**
 * The compare-models editor: two models' graphs side by side, coloured by structural status and,
 * after a run on inputs, by divergence on one shared scale; a table of every layer; selecting a
 * layer in either graph or the table selects its match everywhere. The comparison is
 * {@link ModelDiff}'s, run in jobs; {@link DiffModel} holds what is shown.
 */
public final class DiffEditor extends ComputedEditor implements GraphEditorPart {

    /** The editor's id in plugin.xml. */
    public static final String ID = "org.convscope.ui.editors.diff";

    /** The status line's narrowest width, in pixels. */
    private static final int STATUS_MIN_WIDTH = 320;

    private static final String[] INPUT_FILTERS = { "*.png;*.jpg;*.jpeg;*.bmp;*.gif;*.npy", "*.*" };

    /** One job of the editor at a time: they read the same open models. */
    private final ISchedulingRule serial = new ISchedulingRule() {

        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };

    private final GraphCanvas[] canvases = new GraphCanvas[2];
    private final ModelGraph[] graphs = new ModelGraph[2];
    private final String[] errors = new String[2];
    private final int[] laidOut = new int[2];
    private Label status;
    private Button run;
    private DiffLegend legend;
    private Table table;
    private DiffModel model;
    private List<DiffModel.Row> shown = List.of();
    private List<Path> inputs = List.of();
    private Comparator<DiffModel.Row> order;
    private NodeGeometry geometry;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof DiffEditorInput)) {
            throw new PartInitException(Messages.bind(Messages.wrongInput, input.getName()));
        }
        setSite(site);
        setInput(input);
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
    }

    private DiffEditorInput files() {
        return (DiffEditorInput) getEditorInput();
    }

    private Path file(int side) {
        return side == 0 ? files().a() : files().b();
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(GridLayoutFactory.fillDefaults().spacing(0, 2).create());
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(GridLayoutFactory.fillDefaults().numColumns(3).margins(5, 3).create());
        bar.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        run = new Button(bar, SWT.PUSH);
        run.setText(Messages.runOnInputs);
        run.setEnabled(false);
        run.addListener(SWT.Selection, e -> chooseInputs().ifPresent(this::runOn));
        status = new Label(bar, SWT.WRAP);
        // two lines: the structure's counts, then the run's summary; never narrower than a short
        // line (in a narrow editor the legend is cut instead: the status wrapped a word a line and
        // its height took the graphs' room)
        status.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER)
                .hint(100, SWT.DEFAULT).minSize(STATUS_MIN_WIDTH, SWT.DEFAULT).create());
        status.setText(Messages.loading);
        legend = new DiffLegend(bar);
        legend.control().setLayoutData(GridDataFactory.fillDefaults().hint(DiffLegend.WIDTH, DiffLegend.HEIGHT)
                .align(SWT.END, SWT.CENTER).create());

        SashForm vertical = new SashForm(parent, SWT.VERTICAL);
        vertical.setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        SashForm sides = new SashForm(vertical, SWT.HORIZONTAL);
        for (int side = 0; side < 2; side++) {
            Composite cell = new Composite(sides, SWT.NONE);
            cell.setLayout(GridLayoutFactory.fillDefaults().spacing(0, 0).create());
            Label title = new Label(cell, SWT.NONE);
            title.setText((side == 0 ? "A: " : "B: ") + file(side).getFileName());
            title.setToolTipText(file(side).toString());
            title.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).indent(5, 0).create());
            GraphCanvas c = new GraphCanvas(cell);
            c.control().setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
            c.showMessage(Messages.loading);
            int s = side;
            c.onSelection(ids -> nodeSelected(s, ids));
            c.onOpen(id -> layerId(s, id).flatMap(l -> s == 0 ? row(l, null) : row(null, l)).ifPresent(this::open));
            canvases[side] = c;
        }
        table = new Table(vertical, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        UiTheme.follow(table, p -> {
            // the graphs follow by themselves; the table's cells and the legend carry tints
            if (model != null) {
                fillTable(model.rows());
            }
            legend.control().redraw();
        });
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        String[] headers = { "", Messages.colA, Messages.colB, Messages.colStatus, Messages.colRel,
                Messages.colMaxAbs, Messages.colCosine };
        int[] widths = { 70, 170, 170, 80, 120, 130, 100 };
        for (int i = 0; i < headers.length; i++) {
            TableColumn c = new TableColumn(table, i < 3 ? SWT.LEFT : SWT.RIGHT);
            c.setText(headers[i]);
            c.setWidth(widths[i]);
            int column = i;
            c.addListener(SWT.Selection, e -> sortBy(c, column));
        }
        table.addListener(SWT.Selection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0) {
                selectLayer(shown.get(i));
            }
        });
        table.addListener(SWT.DefaultSelection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0) {
                open(shown.get(i));
            }
        });
        vertical.setWeights(5, 2);
        load();
    }

    /** Opens both models and compares their structure and weights, in a job. */
    private void load() {
        serial(new AnalysisJob<>(Messages.loading, this, monitor -> {
            for (int side = 0; side < 2; side++) {
                try {
                    graphs[side] = ModelOpener.read(file(side));
                } catch (IOException | RuntimeException e) {
                    errors[side] = ModelOpener.message(file(side), e);
                }
            }
            if (graphs[0] == null || graphs[1] == null) {
                return null;
            }
            return ModelDiff.compute(graphs[0], file(0), graphs[1], file(1), List.of(), ModelDiff.DEFAULT_THRESHOLD,
                    monitor).structure();
        }, AnalysisJob.inUi(status, outcome -> {
            for (int side = 0; side < 2; side++) {
                if (graphs[side] != null) {
                    layout(side);
                } else if (errors[side] != null) {
                    canvases[side].showMessage(errors[side]);
                }
            }
            if (!outcome.ok()) {
                AnalysisJob.showError(getEditorSite().getActionBars(), outcome.status());
                status.setText(outcome.message());
            } else if (outcome.value() == null) {
                status.setText(String.join("   ", Arrays.stream(errors).filter(e -> e != null).toList()));
            } else {
                show(new DiffModel(outcome.value(), null));
                run.setEnabled(true);
            }
            status.setToolTipText(status.getText());
        })));
    }

    /** Schedules {@code job} after the editor's others: they all read the same open models. */
    private void serial(Job job) {
        job.setRule(serial);
        job.schedule();
    }

    private void layout(int side) {
        ModelGraph g = graphs[side];
        GraphCanvas c = canvases[side];
        if (geometry == null) {
            GC gc = new GC(c.control());
            try {
                geometry = new NodeGeometry(c.painter().measure(gc));
            } finally {
                gc.dispose();
            }
        }
        new GraphLayoutJob(file(side).getFileName().toString(),
                () -> GraphModel.of(g, GraphGroups.of(g), Set.of(), Map.of()), g.layers().size(), geometry, false,
                result -> c.control().getDisplay().asyncExec(() -> {
                    if (!c.control().isDisposed()) {
                        c.setGraph(result, true);
                        laidOut[side]++;
                    }
                })).schedule();
    }

    private void show(DiffModel m) {
        model = m;
        canvases[0].setTints(m.tints(true));
        canvases[1].setTints(m.tints(false));
        legend.show(m);
        order = null;
        fillTable(m.rows());
        status.setText(summary(m));
        status.setToolTipText(String.join("\n", m.run().map(ModelDiff::notCompared).orElse(List.of())));
    }

    private String summary(DiffModel m) {
        StructureDiff s = m.structure();
        String counts = Messages.bind(Messages.counts, new Object[] { s.count(MatchStatus.SAME),
                s.count(MatchStatus.CHANGED), s.count(MatchStatus.ONLY_A), s.count(MatchStatus.ONLY_B) });
        Optional<ModelDiff> r = m.run();
        if (r.isEmpty()) {
            return counts;
        }
        if (r.get().skipped().isPresent()) {
            return counts + "\n" + r.get().skipped().get();
        }
        String first = r.get().firstDivergence()
                .map(d -> Messages.bind(Messages.firstDivergence, d.layer(), GridModel.format(d.rel())))
                .orElse(Messages.bind(Messages.noDivergence, GridModel.format(r.get().threshold())));
        String agreement = r.get().outputs().map(DiffEditor::agreement).orElse("");
        return counts + "\n" + Messages.bind(Messages.ranOn, r.get().inputs()) + " " + first + agreement;
    }

    private static String agreement(OutputAgreement g) {
        return "   " + Messages.bind(Messages.agreement, Math.round(100 * g.top1Agreement()),
                Math.round(100 * g.top5Overlap()));
    }

    private void fillTable(List<DiffModel.Row> rows) {
        shown = order == null ? rows : rows.stream().sorted(order).toList();
        table.removeAll();
        String first = model.firstDivergence().orElse(null);
        for (DiffModel.Row r : shown) {
            TableItem item = new TableItem(table, SWT.NONE);
            LayerDivergence d = r.divergence();
            boolean isFirst = r.aName() != null && r.aName().equals(first);
            item.setText(new String[] { isFirst ? Messages.firstMark : "", dash(r.aName()), dash(r.bName()),
                    r.status().key(), d == null ? "" : GridModel.format(d.rel()),
                    d == null ? "" : GridModel.format(d.maxAbs()), d == null ? "" : cosine(d.cosine()) });
            item.setBackground(0, UiTheme.color(UiTheme.palette().tint(d != null && Double.isFinite(d.rel())
                    ? DiffModel.scale(d.rel(), model.maxRel())
                    : DiffModel.status(r.status()))));
            if (isFirst) {
                item.setFont(bold());
            }
        }
    }

    private static Font bold() {
        return JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
    }

    private static String dash(String s) {
        return s == null ? "\u2014" : s;
    }

    private static String cosine(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "\u2014";
    }

    private void sortBy(TableColumn column, int index) {
        if (model == null) {
            return;
        }
        boolean up = table.getSortColumn() == column && table.getSortDirection() == SWT.DOWN;
        Comparator<DiffModel.Row> c = switch (index) {
            case 0, 1 -> Comparator.comparing(r -> r.aName() == null ? "\uffff" : r.aName());
            case 2 -> Comparator.comparing(r -> r.bName() == null ? "\uffff" : r.bName());
            case 3 -> Comparator.comparing(DiffModel.Row::status);
            default -> Comparator.comparingDouble(r -> value(r, index));
        };
        order = up ? c : c.reversed();
        table.setSortColumn(column);
        table.setSortDirection(up ? SWT.UP : SWT.DOWN);
        fillTable(model.rows());
    }

    private static double value(DiffModel.Row r, int column) {
        LayerDivergence d = r.divergence();
        if (d == null) {
            return Double.NEGATIVE_INFINITY;
        }
        return column == 4 ? d.rel() : column == 5 ? d.maxAbs() : d.cosine();
    }

    private Optional<List<Path>> chooseInputs() {
        FileDialog d = new FileDialog(table.getShell(), SWT.OPEN | SWT.MULTI);
        d.setText(Messages.chooseInputs);
        d.setFilterExtensions(INPUT_FILTERS);
        d.setFilterNames(new String[] { Messages.inputFiles, Messages.allFiles });
        if (d.open() == null) {
            return Optional.empty();
        }
        List<Path> out = new ArrayList<>();
        for (String name : d.getFileNames()) {
            out.add(Path.of(d.getFilterPath(), name));
        }
        return Optional.of(out);
    }

    /**
     * Runs both models on {@code files} (images or {@code .npy} arrays) in a job and shows the
     * divergences.
     */
    public void runOn(List<Path> files) {
        if (model == null) {
            return;
        }
        inputs = List.copyOf(files);
        run.setEnabled(false);
        status.setText(Messages.running);
        serial(new AnalysisJob<>(Messages.running, this,
                monitor -> ModelDiff.compute(graphs[0], file(0), graphs[1], file(1), inputs,
                        ModelDiff.DEFAULT_THRESHOLD, monitor),
                AnalysisJob.inUi(status, outcome -> {
                    run.setEnabled(true);
                    if (outcome.ok()) {
                        show(new DiffModel(outcome.value().structure(), outcome.value()));
                    } else {
                        AnalysisJob.showError(getEditorSite().getActionBars(), outcome.status());
                        status.setText(outcome.message());
                        status.setToolTipText(outcome.message());
                    }
                })));
    }

    /** @return the layer id a box of one side's graph shows */
    private Optional<String> layerId(int side, String boxId) {
        LaidOutGraph g = canvases[side].graph();
        var node = g == null ? null : g.model().node(boxId);
        return node == null ? Optional.empty() : Optional.of(node.layer().id());
    }

    private Optional<DiffModel.Row> row(String aName, String bName) {
        return model == null ? Optional.empty() : model.row(aName, bName);
    }

    private void nodeSelected(int side, Set<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        layerId(side, ids.iterator().next()).flatMap(l -> side == 0 ? row(l, null) : row(null, l))
                .ifPresent(r -> {
                    select(1 - side, side == 0 ? r.bName() : r.aName());
                    showRow(r);
                });
    }

    /** Selects a layer of either model in both graphs, scrolled into view, and in the table. */
    public void selectLayer(DiffModel.Row r) {
        select(0, r.aName());
        select(1, r.bName());
        showRow(r);
    }

    /** Selects {@code r}'s row, scrolled to with the two rows above it in view. */
    private void showRow(DiffModel.Row r) {
        int i = shown.indexOf(r);
        table.setSelection(i);
        if (i >= 0) {
            table.setTopIndex(Math.max(0, i - 2));
        }
    }

    private void select(int side, String layerId) {
        GraphCanvas c = canvases[side];
        LaidOutGraph g = c.graph();
        if (layerId == null || g == null) {
            c.select(List.of());
            return;
        }
        String box = g.model().shownBy(layerId);
        c.select(List.of(box == null ? layerId : box));
    }

    /**
     * Opens a matched layer's two outputs and their difference for the first input of the last run
     * (asking for one when nothing was run yet) in the layer-pair editor.
     */
    public void open(DiffModel.Row r) {
        if (r.aName() == null || r.bName() == null) {
            status.setText(Messages.bind(Messages.notMatched, r.name()));
            return;
        }
        if (inputs.isEmpty()) {
            Optional<List<Path>> chosen = chooseInputs();
            if (chosen.isEmpty()) {
                return;
            }
            inputs = chosen.get();
        }
        Path input = inputs.get(0);
        serial(new AnalysisJob<>(Messages.bind(Messages.computingPair, r.name()), this,
                (ProgressMonitor monitor) -> ModelDiff.layerOutputs(graphs[0], file(0), graphs[1], file(1), input,
                        r.aName(), r.bName()),
                AnalysisJob.inUi(status, outcome -> {
                    if (outcome.ok()) {
                        openPair(r, input, outcome.value());
                    } else {
                        status.setText(outcome.message());
                    }
                })));
    }

    private void openPair(DiffModel.Row r, Path input, List<Tensor> outputs) {
        LayerPairInput in = new LayerPairInput(
                List.of("A: " + file(0).getFileName() + " \u00b7 " + r.aName(),
                        "B: " + file(1).getFileName() + " \u00b7 " + r.bName()),
                Messages.bind(Messages.pairName, r.name()), input.getFileName().toString(), outputs);
        try {
            EditorPlacement.besideGraphs(getSite().getPage().openEditor(in, LayerPairEditor.ID));
        } catch (PartInitException e) {
            status.setText(e.getMessage());
        }
    }

    /** @return what is shown, or null while loading (for tests) */
    public DiffModel model() {
        return model;
    }

    /** @return the graph of A (0) or B (1) */
    public GraphCanvas canvas(int side) {
        return canvases[side];
    }

    /** @return whether both graphs (or the ones that could be read) are laid out */
    public boolean laidOut() {
        for (int side = 0; side < 2; side++) {
            if (graphs[side] != null && laidOut[side] == 0) {
                return false;
            }
        }
        return model != null || errors[0] != null || errors[1] != null;
    }

    /** @return the table of layers */
    public Table table() {
        return table;
    }

    /** @return the status line's text */
    public String statusText() {
        return status.getText();
    }

    @Override
    public void setFocus() {
        canvases[0].control().setFocus();
    }

    @Override
    public void dispose() {
        Job.getJobManager().cancel(this);
        // closed after the editor's jobs, which may still be reading them
        Job close = Job.create(Messages.closing, monitor -> {
            for (ModelGraph g : graphs) {
                if (g != null) {
                    g.close();
                }
            }
            return Status.OK_STATUS;
        });
        close.setSystem(true);
        serial(close);
        super.dispose();
    }
}
