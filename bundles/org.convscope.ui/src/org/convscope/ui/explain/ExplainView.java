package org.convscope.ui.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.analysis.ModelInputs;
import org.convscope.engine.explain.AttributionMethod;
import org.convscope.ui.ComputedActivations;
import org.convscope.ui.InputChoice;
import org.convscope.ui.ModelEvents;
import org.convscope.ui.ViewIds;
import org.convscope.ui.prefs.UiPreferences;
import org.convscope.ui.views.ModelBoundView;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.EventHandler;

/**
 * Why the model decided, by several attribution methods side by side: pick methods, images, the
 * class, the CAM layers and the options on the left; the grid on the right has a row per image and
 * a column per method, each tile with its trust measures. The pointer reads a map's value, a click
 * enlarges a tile with its colour bar; the grid exports as a picture, {@code .npy} maps and a CSV of
 * the measures. The work is one cancellable Job through {@link ExplainProvider}; the Grad-CAM view
 * stays the quick single-map mode.
 */
public final class ExplainView extends ModelBoundView<ExplainProvider> {

    /** The view's id in plugin.xml. */
    public static final String ID = ViewIds.EXPLAIN;

    private SettingsPanel settings;
    private ExplainGrid grid;
    private Label hover;
    private InputChoice given;
    private final EventHandler onInputsChosen = e -> {
        if (e.getProperty(IEventBroker.DATA) instanceof InputChoice c && !hover.isDisposed()) {
            given = c;
            offerGiven();
        }
    };
    private final EventHandler onActivations = e -> {
        if (e.getProperty(IEventBroker.DATA) instanceof ComputedActivations c && !hover.isDisposed()
                && provider() != null && c.model().equals(provider().model())) {
            settings.offerImages(c.inputs());
        }
    };

    public ExplainView() {
        super(Messages.noModel, ExplainProvider::of);
    }

    @Override
    protected void createTop(Composite parent) {
        Composite bar = bar(parent, 6);
        button(bar, Messages.run, this::run);
        button(bar, Messages.cancel, this::cancelRun);
        button(bar, Messages.exportPng, () -> exportDialog("*.png", "explain.png", this::exportPng));
        button(bar, Messages.exportNpy, () -> exportDialog("*.npy", "maps.npy", this::exportNpy));
        button(bar, Messages.exportCsv, () -> exportDialog("*.csv", "metrics.csv", this::exportCsv));
        hover = new Label(bar, SWT.NONE);
        hover.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
    }

    @Override
    protected void createBody(Composite parent) {
        SashForm sash = sideBySide(parent);
        settings = new SettingsPanel(sash);
        grid = new ExplainGrid(sash, text -> hover.setText(text), this::enlarge);
        sash.setWeights(2, 5);
        // SWT gives a drop to the control under the pointer, not to its parent: both sides accept images
        settings.acceptDrops(parent);
        settings.acceptDrops(settings.control());
        settings.acceptDrops(grid.control());
        // the base class's broker() is set only after the body is made
        IEventBroker events = getSite().getService(IEventBroker.class);
        events.subscribe(ModelEvents.INPUTS_CHOSEN, onInputsChosen);
        events.subscribe(ModelEvents.ACTIVATIONS_COMPUTED, onActivations);
    }

    @Override
    protected void providerChanged(ExplainProvider provider) {
        grid.clear();
        settings.setLayers(provider.layers());
        settings.setPreprocessing(
                provider.suggestedPreprocessing(UiPreferences.workbench().preprocessing().orElse(null))
                        .preprocessing());
        offerGiven();
        setStatus(provider.model().graph().imageInput().isPresent()
                ? Messages.bind(Messages.ready, provider.model().fileName())
                : ModelInputs.notAnImageModel(provider.model().graph()).orElse(""));
    }

    @Override
    protected void providerRefused() {
        grid.clear();
    }

    private void offerGiven() {
        if (given != null && provider() != null && given.isFor(provider().model().file())) {
            settings.offerImages(given.files());
        }
    }

    /** Explains the chosen images by the chosen methods; the grid fills when the Job is done. */
    public void run() {
        ExplainProvider p = provider();
        if (p == null) {
            setStatus(Messages.noModel);
            return;
        }
        ExplainSettings s;
        try {
            s = settings.settings();
        } catch (AnalysisException e) {
            setStatus(e.getMessage());
            return;
        }
        run(Messages.bind(Messages.jobName, p.model().fileName()), monitor -> p.compute(s, monitor), this::show);
        setStatus(Messages.bind(Messages.running, s.methods().size(), s.files().size()));
    }

    /** Stops the run under way; the status line says so. */
    public void cancelRun() {
        cancel();
    }

    private void show(ExplainResult r) {
        grid.show(r, AnalysisOptions.DEFAULT_ALPHA);
        settings.setTop(r.image(0).predictions());
        String done = Messages.bind(Messages.done, new Object[] { r.imageCount(), r.methods().size(),
                r.explanation().layers().isEmpty() ? "-" : String.join(", ", r.explanation().layers()) });
        setStatus(r.problems().isEmpty()
                ? done
                : done + " " + Messages.bind(Messages.problems,
                        String.join("; ", r.problems())));
    }

    private void enlarge(ExplainGrid.Tile t) {
        ExplainResult r = grid.result();
        new TileDialog(getSite().getShell(),
                Messages.bind(Messages.dialogTitle, t.method().id(), r.names().get(t.image())),
                r.tile(t.image(), t.method(), AnalysisOptions.DEFAULT_ALPHA), r.map(t.image(), t.method())).open();
    }

    /** An export to a file the person chose. */
    @FunctionalInterface
    private interface Export {

        void to(Path file) throws IOException;
    }

    private void exportDialog(String extension, String name, Export export) {
        if (grid.result() == null) {
            setStatus(Messages.nothingToExport);
            return;
        }
        FileDialog d = new FileDialog(getSite().getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { extension });
        d.setFileName(name);
        d.setOverwrite(!extension.equals("*.npy"));
        String f = d.open();
        if (f == null) {
            return;
        }
        Path file = Path.of(f);
        if (extension.equals("*.npy")) {
            // the dialog asked about the name chosen, but the files written are one per method
            List<Path> existing = ExplainExport.npyFiles(grid.result(), file).stream().filter(Files::exists)
                    .toList();
            if (!existing.isEmpty() && !MessageDialog.openQuestion(getSite().getShell(), Messages.exportNpy,
                    Messages.bind(Messages.overwrite, existing.stream().map(p -> p.getFileName().toString())
                            .reduce((a, b) -> a + ", " + b).orElse("")))) {
                return;
            }
        }
        try {
            export.to(file);
            setStatus(Messages.bind(Messages.exported, file));
        } catch (IOException e) {
            MessageDialog.openError(getSite().getShell(), Messages.exportFailed, file + ": " + e.getMessage());
        }
    }

    /** Writes the grid picture to {@code file}. */
    public void exportPng(Path file) throws IOException {
        ExplainExport.png(grid.result(), AnalysisOptions.DEFAULT_ALPHA, file);
    }

    /** Writes one {@code .npy} per method beside {@code base}, named as the command line names them. */
    public List<Path> exportNpy(Path base) throws IOException {
        return ExplainExport.npy(grid.result(), base);
    }

    /** Writes the CSV of the trust measures to {@code file}. */
    public void exportCsv(Path file) throws IOException {
        ExplainExport.csv(grid.result(), file);
    }

    /** From the graph's menu: that layer, alone, when the CAM methods can use it. */
    @Override
    protected void layerChosen(String layerId) {
        settings.chooseLayers(List.of(layerId));
    }

    /** Chooses the methods, images, layers (none: the default) and the checks (tests). */
    public void choose(List<AttributionMethod> methods, List<Path> images, List<String> layers, boolean metrics,
            boolean sanity) {
        settings.chooseMethods(methods);
        settings.setImages(images);
        if (!layers.isEmpty()) {
            settings.chooseLayers(layers);
        }
        settings.setChecks(metrics, sanity);
    }

    /** Sets Integrated Gradients' steps (tests: a long run to cancel). */
    public void setIgSteps(int steps) {
        settings.setIgSteps(steps);
    }

    /** Sets occlusion's patch and stride (tests: small inputs need a patch smaller than the default 32). */
    public void setOcclusion(int patch, int stride) {
        settings.setOcclusion(patch, stride);
    }

    /** Sets the class as typed: "top" or a number (tests). */
    public void setClass(String text) {
        settings.setClass(text);
    }

    /** @return the chosen CAM layers (tests) */
    public List<String> chosenLayers() {
        return settings.chosenLayers();
    }

    /** @return the images to explain, in order (tests) */
    public List<Path> images() {
        return settings.images();
    }

    /** @return what the grid shows (tests) */
    public Optional<ExplainResult> result() {
        return Optional.ofNullable(grid.result());
    }

    /** @return the text under each tile, row by row (tests) */
    public List<String> tileTexts() {
        return grid.tiles().stream().map(t -> t.text().getText()).toList();
    }

    /** @return the tiles' pictures, row by row (tests point at them and click them) */
    public List<Canvas> tileCanvases() {
        return grid.tiles().stream().map(ExplainGrid.Tile::canvas).toList();
    }

    /** @return the hover line's text (tests) */
    public String hoverText() {
        return hover.getText();
    }

    @Override
    public void dispose() {
        if (broker() != null) {
            broker().unsubscribe(onInputsChosen);
            broker().unsubscribe(onActivations);
        }
        super.dispose();
    }

    @Override
    public void setFocus() {
        settings.control().setFocus();
    }
}
