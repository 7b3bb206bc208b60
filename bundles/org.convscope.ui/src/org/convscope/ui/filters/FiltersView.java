package org.convscope.ui.filters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.model.Layer;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.FilterPatternOptions.ObjectiveKind;
import org.convscope.ui.ComputedActivations;
import org.convscope.ui.InputChoice;
import org.convscope.ui.ModelEvents;
import org.convscope.ui.ViewIds;
import org.convscope.ui.grid.ZoomCanvas;
import org.convscope.ui.prefs.UiPreferences;
import org.convscope.ui.views.ModelBoundView;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.dialogs.IDialogSettings;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.event.EventHandler;

/**
 * A layer's atlas: every filter's pattern (or a range) in a zoomable grid with channel numbers,
 * dead channels crossed, the pointer reading a channel's objective value; a click selects a channel
 * and shows beside its pattern the channel's activation for the current input (the Activation
 * view's, computed here when needed); a double click enlarges it for export. Preset and objective
 * settings are remembered. Patterns arrive batch by batch from a cancellable Job through
 * {@link FiltersProvider}, those in the disk cache at once.
 */
public final class FiltersView extends ModelBoundView<FiltersProvider> {

    /** The view's id in plugin.xml. */
    public static final String ID = ViewIds.FILTERS;

    private Combo layer;
    private Text filters;
    private OptionsBar options;
    private AtlasGrid grid;
    private Label hover;
    private ChannelPane pane;
    private FiltersProvider.Patterns last;
    /** The layer and objective of the atlas shown, for the pane beside it. */
    private String shownLayer;
    private boolean shownChannels;
    private int selected = -1;
    private int arrived;
    /** Runs started here, so that a superseded run's late patterns stay out of the grid. */
    private int started;
    private final EventHandler onActivations = e -> {
        if (e.getProperty(IEventBroker.DATA) instanceof ComputedActivations c && !hover.isDisposed()
                && provider() != null && c.model().equals(provider().model()) && !c.inputs().isEmpty()) {
            setInputFile(c.inputs().get(0));
        }
    };
    private final EventHandler onInputs = e -> {
        if (e.getProperty(IEventBroker.DATA) instanceof InputChoice c && !hover.isDisposed()
                && (provider() == null || c.isFor(provider().model().file()))) {
            setInputFile(c.files().get(0));
        }
    };

    public FiltersView() {
        super(Messages.noModel, FiltersProvider::of);
    }

    @Override
    protected void createTop(Composite parent) {
        Composite bar = bar(parent, 6);
        layer = combo(bar, Messages.layer, 180, null);
        new Label(bar, SWT.NONE).setText(Messages.filters);
        filters = new Text(bar, SWT.BORDER);
        filters.setToolTipText(Messages.filtersTip);
        filters.setLayoutData(GridDataFactory.fillDefaults().hint(90, SWT.DEFAULT).create());
        button(bar, Messages.run, this::run);
        button(bar, Messages.cancel, this::cancel);
        options = new OptionsBar(parent, this::presetChanged);
        AtlasSettings s = AtlasSettings.load(settingsSection());
        options.set(s);
        filters.setText(s.filters());
    }

    @Override
    protected void createBody(Composite parent) {
        SashForm sash = sideBySide(parent);
        Composite left = new Composite(sash, SWT.NONE);
        left.setLayout(GridLayoutFactory.fillDefaults().create());
        grid = new AtlasGrid(left, this::hovered, this::select, this::enlarge);
        grid.canvas().control().setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        hover = new Label(left, SWT.NONE);
        hover.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        hover.setText(Messages.hoverHint);
        pane = new ChannelPane(sash, () -> enlarge(selected));
        sash.setWeights(3, 1);
        IEventBroker events = getSite().getService(IEventBroker.class);
        events.subscribe(ModelEvents.ACTIVATIONS_COMPUTED, onActivations);
        events.subscribe(ModelEvents.INPUTS_CHOSEN, onInputs);
        // opened after the Activation view ran: its last input is the first of the recent ones
        pane.setInput(UiPreferences.workbench().recentInputs().stream().filter(Files::isRegularFile).findFirst()
                .orElse(null));
    }

    private static IDialogSettings settingsSection() {
        IDialogSettings all = PlatformUI.getDialogSettingsProvider(FrameworkUtil.getBundle(FiltersView.class))
                .getDialogSettings();
        IDialogSettings s = all.getSection(ID);
        return s != null ? s : all.addNewSection(ID);
    }

    @Override
    protected void providerChanged(FiltersProvider provider) {
        layer.setItems(provider.layers().toArray(String[]::new));
        if (layer.getItemCount() > 0) {
            layer.select(0);
        }
        presetChanged();
        setStatus("");
    }

    @Override
    protected void providerRefused() {
        layer.setItems();
    }

    private void presetChanged() {
        if (provider() != null) {
            try {
                options.showDefaults(provider().options(AtlasSettings.DEFAULT.withPreset(options.preset())));
            } catch (AnalysisException e) {
                setStatus(e.getMessage());
            }
        }
    }

    /** Starts the atlas of the chosen layer with the chosen settings; a running one is cancelled first. */
    public void run() {
        FiltersProvider p = provider();
        if (p == null || layer.getSelectionIndex() < 0) {
            setStatus(Messages.noModel);
            return;
        }
        AtlasSettings s;
        FilterPatternOptions o;
        int[] asked;
        try {
            s = options.read(filters.getText());
            o = p.options(s);
            asked = s.askedFilters();
        } catch (AnalysisException e) {
            setStatus(e.getMessage());
            return;
        }
        s.save(settingsSection());
        String l = s.objectiveKind() == ObjectiveKind.CLASS ? p.lastLayer() : layer.getText();
        // the places the graph says the layer has; the engine's answer replaces them
        int count = s.objectiveKind() == ObjectiveKind.CLASS ? Integer.MAX_VALUE : p.filterCount(l);
        // the direction objective's vectors are known once read: the grid gets its places at the end
        int[] places = s.objectiveKind() == ObjectiveKind.DIRECTION
                ? new int[0]
                : asked.length == 0
                        ? IntStream.range(0, count).toArray()
                        : Arrays.stream(asked).filter(f -> count == 0 || f < count).toArray();
        shownLayer = l;
        shownChannels = s.objectiveKind() == ObjectiveKind.CHANNEL || s.objectiveKind() == ObjectiveKind.NEURON;
        last = null;
        arrived = 0;
        int side = o.size() - 2 * o.crop();
        grid.reset(places, o.copies(), side, side);
        clearSelection();
        int total = places.length * o.copies();
        int token = ++started;
        run(Messages.bind(Messages.jobName, l), monitor -> {
            long start = System.nanoTime();
            FiltersProvider.Patterns done = p.compute(l, s, monitor, pattern -> inUi(() -> {
                if (token == started) {
                    arrived(pattern, total);
                }
            }));
            return new Finished(done, (System.nanoTime() - start) / 1e9);
        }, this::finished);
        setStatus(Messages.bind(Messages.running, total, l));
    }

    /**
     * How a run ended.
     *
     * @param patterns the patterns drawn
     * @param seconds  how long it took
     */
    private record Finished(FiltersProvider.Patterns patterns, double seconds) {
    }

    private void arrived(FilterPattern p, int total) {
        grid.arrived(p);
        arrived++;
        setStatus(Messages.bind(Messages.progress, new Object[] { arrived, total, shownLayer }));
        if (selected >= 0 && grid.patternAt(selected) == p) {
            select(selected);
        }
    }

    private void finished(Finished f) {
        last = f.patterns();
        FiltersProvider.Run r = last.run();
        grid.finished(last.filters(), r.copies(), last.patterns());
        long dead = last.patterns().stream().filter(FilterPattern::dead).count();
        setStatus(Messages.bind(Messages.finished,
                new Object[] { last.patterns().size(), shownLayer, String.format("%.1f", f.seconds()), dead })
                + Messages.bind(Messages.cacheNote, new Object[] { r.computed(), r.fromDisk(),
                        last.patterns().size() - r.computed() - r.fromDisk() }));
        if (selected >= 0) {
            select(selected);
        }
    }

    private void hovered(int place) {
        FilterPattern p = grid.patternAt(place);
        hover.setText(place < 0
                ? Messages.hoverHint
                : p == null ? Messages.bind(Messages.notYet, grid.filterAt(place)) : describe(p));
    }

    /** @return a pattern's channel and objective value, or that it is dead */
    static String describe(FilterPattern p) {
        return p.dead()
                ? Messages.bind(Messages.tileDead, p.filter(), p.layer())
                : Messages.bind(Messages.tile,
                        new Object[] { p.filter(), p.layer(), String.format("%.4g", p.finalLoss()) });
    }

    private void clearSelection() {
        selected = -1;
        pane.clear();
    }

    /** Selects place {@code place} of the atlas: its pattern and its activation beside the grid. */
    private void select(int place) {
        if (place >= 0 && place < grid.size()) {
            selected = place;
            grid.select(place);
            pane.show(provider(), grid.patternAt(place), grid.filterAt(place), shownLayer, shownChannels);
        }
    }

    private void enlarge(int place) {
        FilterPattern p = grid.patternAt(place);
        if (p != null) {
            new PatternDialog(getSite().getShell(), p, Messages.bind(Messages.dialogTitle, p.filter(), p.layer()))
                    .open();
        }
    }

    /** Makes {@code file} the input whose activation shows beside a pattern (null: none). */
    public void setInputFile(Path file) {
        pane.setInput(file);
    }

    /**
     * Writes {@code filter}'s first pattern as the enlarged pattern's export does (tests).
     *
     * @param file a {@code .npy} file, or any other name for a PNG
     */
    public void export(int filter, Path file) throws IOException {
        PatternDialog.write(grid.patternAt(grid.placeOf(filter)), file);
    }

    /** @return the chosen layer's id, or "" (tests) */
    public String chosenLayer() {
        return layer.getText();
    }

    /** @return the filters field (tests) */
    public String filterRange() {
        return filters.getText();
    }

    /** @return the patterns shown so far, null where one has not arrived (tests) */
    public List<FilterPattern> patterns() {
        return grid.patterns();
    }

    /** @return the last finished run, if the atlas shown finished (tests) */
    public Optional<FiltersProvider.Patterns> finishedRun() {
        return Optional.ofNullable(last);
    }

    /** Selects {@code filter}'s first pattern, as a click does (tests). */
    public void selectFilter(int filter) {
        select(grid.placeOf(filter));
    }

    /** @return the activation shown beside the pattern, if any (tests) */
    public Optional<Tensor> shownActivation() {
        return pane.activation();
    }

    /** @return the line above the activation (tests) */
    public String activationText() {
        return pane.activationText();
    }

    /** @return the hover line (tests) */
    public String hoverText() {
        return hover.getText();
    }

    /** Sets the settings row and remembers it, as a run does (tests). */
    public void setSettings(AtlasSettings s) {
        options.set(s);
        filters.setText(s.filters());
        s.save(settingsSection());
    }

    /** @return the atlas's canvas (tests point and click on it) */
    public ZoomCanvas atlasCanvas() {
        return grid.canvas();
    }

    /** @return where the atlas's tiles sit, or null before a run (tests) */
    public AtlasLayout atlasLayout() {
        return grid.layout();
    }

    /** @return the settings row as it reads now */
    public AtlasSettings settings() {
        return options.read(filters.getText());
    }

    /**
     * Sets the layer, filters and preset fields.
     *
     * @param presetName the preset, or null to keep the one chosen
     */
    public void choose(String layerId, String filterRange, String presetName) {
        layer.select(Arrays.asList(layer.getItems()).indexOf(layerId));
        filters.setText(filterRange);
        if (presetName != null) {
            AtlasSettings s = options.read(filterRange);
            options.set(s.withPreset(presetName));
        }
    }

    /** Picks the layer selected in another part (the graph) when it has filter patterns. */
    @Override
    protected void layersSelected(List<Layer> chosen) {
        int i = Arrays.asList(layer.getItems()).indexOf(chosen.get(0).id());
        if (i >= 0) {
            layer.select(i);
        }
    }

    /**
     * From the graph's menu: that layer's atlas, every channel, with the settings chosen (an
     * objective that is not a channel's gives way to the channel objective), started at once.
     */
    @Override
    protected void layerChosen(String layerId) {
        try {
            AtlasSettings s = options.read(AnalysisOptions.ALL_FILTERS);
            ObjectiveKind k = s.objectiveKind();
            if (k != ObjectiveKind.CHANNEL && k != ObjectiveKind.NEURON) {
                options.set(s.withObjective(AtlasSettings.DEFAULT.objective()));
            }
        } catch (AnalysisException e) {
            // a field the person left unreadable: run() says which
        }
        layer.select(Arrays.asList(layer.getItems()).indexOf(layerId));
        filters.setText(AnalysisOptions.ALL_FILTERS);
        run();
    }

    /** Stops the atlas under way; the patterns drawn so far stay (and stay cached). */
    public void cancelRun() {
        cancel();
    }

    @Override
    public void setFocus() {
        grid.canvas().control().setFocus();
    }

    @Override
    public void dispose() {
        IEventBroker events = getSite().getService(IEventBroker.class);
        if (events != null) {
            events.unsubscribe(onActivations);
            events.unsubscribe(onInputs);
        }
        super.dispose();
    }
}
