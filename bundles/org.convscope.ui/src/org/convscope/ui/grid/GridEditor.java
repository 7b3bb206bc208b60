package org.convscope.ui.grid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.render.ChannelStats;
import org.convscope.core.render.Colormap;
import org.convscope.core.render.GridGeometry;
import org.convscope.core.render.GridOptions;
import org.convscope.core.render.NormalizationScope;
import org.convscope.core.tensor.Tensor;
import org.convscope.ui.ComputedEditor;
import org.convscope.ui.activations.ActivationRun;
import org.convscope.ui.prefs.UiPreferences;
import org.convscope.ui.views.AnalysisJob;
import org.convscope.ui.theme.Palette;
import org.convscope.ui.theme.UiTheme;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IReusableEditor;
import org.eclipse.ui.PartInitException;

/**
 * One layer's channels for one input, as a grid of tiles: zoom and pan, tiles per row, colour map
 * and scale, the value under the pointer, dead channels marked, a click to enlarge a channel, and
 * export. Reusable, so following the graph's selection replaces the layer shown instead of piling up
 * editors.
 */
public final class GridEditor extends ComputedEditor implements IReusableEditor {

    /** The editor's id in plugin.xml. */
    public static final String ID = "org.convscope.ui.editors.grid";

    private GridControls controls;
    private ZoomCanvas canvas;
    private Label summary;
    private Label hover;
    private GridModel model;
    private int hoveredChannel = -1;
    private long shownAt;
    private long lastShowNanos = -1;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof GridEditorInput)) {
            throw new PartInitException(Messages.bind(Messages.wrongInput, input.getName()));
        }
        setSite(site);
        setInput(input);
    }

    @Override
    public void setInput(IEditorInput input) {
        super.setInput(input);
        setPartName(input.getName());
        setTitleToolTip(input.getToolTipText());
        if (canvas != null) {
            load();
        }
    }

    /** @return the editor's input */
    public GridEditorInput gridInput() {
        return (GridEditorInput) getEditorInput();
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        controls = new GridControls(parent, UiPreferences.workbench().gridOptions(), this::optionsChanged);
        controls.onZoom(f -> canvas.zoomBy(f), () -> canvas.fit(), () -> canvas.actualSize());
        controls.onExport(this::exportPngDialog, this::exportNpyDialog);
        summary = new Label(parent, SWT.NONE);
        summary.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        canvas = new ZoomCanvas(parent);
        canvas.control().setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        canvas.addOverlay(this::paintMarks);
        UiTheme.follow(canvas.control(), p -> {
            // the gutters are part of the rendered grid
            GridOptions o = controls.options().withBackground(p.gutterArgb());
            controls.set(o);
            optionsChanged(o);
        });
        canvas.addListener(new ZoomCanvas.Listener() {

            @Override
            public void pointerMoved(ZoomCanvas source, int x, int y) {
                showHover(x, y);
            }

            @Override
            public void clicked(ZoomCanvas source, int x, int y) {
                if (model != null) {
                    model.channelAt(x, y).ifPresent(GridEditor.this::openChannel);
                }
            }
        });
        // registered after the canvas's own paint listener, so it runs once the grid is drawn
        canvas.control().addListener(SWT.Paint, e -> {
            if (shownAt != 0) {
                lastShowNanos = System.nanoTime() - shownAt;
                shownAt = 0;
            }
        });
        hover = new Label(parent, SWT.NONE);
        hover.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        load();
    }

    /** Shows the input's layer, computing the input first when the provider has not yet. */
    private void load() {
        shownAt = System.nanoTime();
        lastShowNanos = -1;
        GridEditorInput in = gridInput();
        Optional<ActivationRun> run = in.provider().cached(in.input());
        if (run.isEmpty()) {
            summary.setText(Messages.bind(Messages.computing, in.input().fileName()));
            // qualified: this package has a Messages of its own
            String task = NLS.bind(org.convscope.ui.activations.Messages.computeTask, in.input().fileName());
            new AnalysisJob<>(task, GridEditor.class,
                    monitor -> in.provider().compute(in.input(), monitor), AnalysisJob.inUi(summary, outcome -> {
                        if (!in.equals(getEditorInput())) {
                            return;
                        }
                        if (outcome.ok()) {
                            load();
                        } else {
                            AnalysisJob.showError(getEditorSite().getActionBars(), outcome.status());
                            showError(outcome.message());
                        }
                    })).schedule();
            return;
        }
        Optional<Tensor> t = run.get().output(in.layerId());
        if (t.isEmpty()) {
            showError(run.get().row(in.layerId()).map(r -> r.error()).orElse(in.layerId()));
            return;
        }
        try {
            GridOptions options = model == null ? controls.options() : model.options();
            model = new GridModel(t.get(), options);
        } catch (AnalysisException e) {
            showError(Messages.bind(Messages.cannotDraw, in.layerId(), e.getMessage()));
            return;
        }
        showGrid();
    }

    private void showGrid() {
        canvas.setImage(model.grid().image());
        summary.setText(model.summary() + Messages.bind(Messages.renderTime,
                String.format(Locale.ROOT, "%.1f", model.renderNanos() / 1e6)));
        hoveredChannel = -1;
        hover.setText(Messages.hoverHint);
        canvas.control().update();
    }

    private void showError(String message) {
        summary.setText(message);
        summary.setToolTipText(message);
        model = null;
        // a previous layer's picture under this layer's error would be read as this layer's
        canvas.clear();
    }

    private void optionsChanged(GridOptions o) {
        if (model != null) {
            shownAt = System.nanoTime();
            model.setOptions(o);
            showGrid();
        }
    }

    private void showHover(int x, int y) {
        if (model == null || hover.isDisposed()) {
            return;
        }
        String text = x < 0 ? "" : model.hoverText(x, y);
        hover.setText(text.isEmpty() ? Messages.hoverHint : text);
        getEditorSite().getActionBars().getStatusLineManager().setMessage(text);
        int channel = x < 0 ? -1 : model.channelAt(x, y).orElse(-1);
        if (channel != hoveredChannel) {
            hoveredChannel = channel;
            canvas.redraw();
        }
    }

    /** Outlines dead (red) and constant (yellow) tiles, and the tile under the pointer. */
    private void paintMarks(GC gc, ZoomCanvas c) {
        if (model == null) {
            return;
        }
        GridGeometry g = model.grid().geometry();
        Palette palette = UiTheme.palette();
        gc.setLineWidth(2);
        for (int ch = 0; ch < g.channels(); ch++) {
            ChannelStats s = model.grid().stats().get(ch);
            if (s.flagged()) {
                gc.setForeground(UiTheme.color(s.dead() ? palette.markDead() : palette.markConstant()));
                outline(gc, c, g, ch);
            }
        }
        if (hoveredChannel >= 0) {
            gc.setForeground(UiTheme.color(palette.markHover()));
            outline(gc, c, g, hoveredChannel);
        }
    }

    private static void outline(GC gc, ZoomCanvas c, GridGeometry g, int ch) {
        Rectangle r = c.toCanvas(g.tileX(ch), g.tileY(ch), g.tilePixelWidth(), g.tilePixelHeight());
        gc.drawRectangle(r.x, r.y, r.width - 1, r.height - 1);
    }

    /** Opens channel {@code channel} enlarged with its colour bar; a Dense strip has no such view. */
    public ChannelDialog openChannel(int channel) {
        if (model == null || model.activation().rank() < 3) {
            return null;
        }
        ChannelDialog d = new ChannelDialog(getSite().getShell(), model.activation(), channel,
                model.options().colormap(), Messages.bind(Messages.channelTitle, gridInput().layerId(), channel));
        d.open();
        return d;
    }

    private void exportPngDialog() {
        Path file = ask("*.png", gridInput().layerId() + ".png");
        if (file != null) {
            export(() -> model.exportPng(file));
        }
    }

    private void exportNpyDialog() {
        Path file = ask("*.npy", gridInput().layerId().replace('/', '_') + ".npy");
        if (file != null) {
            export(() -> model.exportNpy(file));
        }
    }

    private Path ask(String extension, String name) {
        if (model == null) {
            return null;
        }
        FileDialog d = new FileDialog(getSite().getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { extension });
        d.setFileName(name.replace('/', '_'));
        d.setOverwrite(true);
        String f = d.open();
        return f == null ? null : Path.of(f);
    }

    private interface Export {

        void run() throws IOException;
    }

    private void export(Export e) {
        try {
            e.run();
        } catch (IOException ex) {
            MessageDialog.openError(getSite().getShell(), Messages.exportFailed, ex.getMessage());
        }
    }

    /** @return what the editor shows, or null while computing or after an error */
    public GridModel model() {
        return model;
    }

    /** @return the picture control */
    public ZoomCanvas canvas() {
        return canvas;
    }

    /** @return the summary line's text (the error, when the layer cannot be shown) */
    public String summaryText() {
        return summary.getText();
    }

    /** @return the hover line's text */
    public String hoverText() {
        return hover.getText();
    }

    /** @return nanoseconds from the last load or option change until the grid was painted, −1 before */
    public long lastShowNanos() {
        return lastShowNanos;
    }

    /** Applies {@code o} as if chosen in the controls. */
    public void setOptions(GridOptions o) {
        controls.set(o);
        optionsChanged(o);
    }

    static String scopeLabel(NormalizationScope s) {
        return switch (s) {
            case CHANNEL -> Messages.scopeChannel;
            case LAYER -> Messages.scopeLayer;
            case GLOBAL -> Messages.scopeGlobal;
            case SHARED -> Messages.scopeShared;
        };
    }

    static Colormap[] colormaps() {
        return Colormap.values();
    }

    @Override
    public void setFocus() {
        canvas.control().setFocus();
    }
}
