package org.convscope.ui.filters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.model.Layer;
import org.convscope.core.render.RgbImage;
import org.convscope.engine.analysis.AnalysisOptions;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.engine.visualize.PatternGrid;
import org.convscope.ui.ViewIds;
import org.convscope.ui.grid.ZoomCanvas;
import org.convscope.ui.views.ModelBoundView;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * What a layer's filters respond to: choose the layer (or select it in the graph), the filters and
 * a preset, run; the grid fills in as batches finish, dead filters crossed. Click a tile to see it
 * large. The work runs as a cancellable Job through {@link FiltersProvider}.
 */
public final class FiltersView extends ModelBoundView<FiltersProvider> {

    /** The view's id in plugin.xml. */
    public static final String ID = ViewIds.FILTERS;

    /** Filters drawn for a layer chosen from the graph's menu: a first look, quick to compute. */
    private static final String FIRST_LOOK = "0-15";

    /**
     * How a run ended.
     *
     * @param patterns the patterns drawn
     * @param seconds  how long it took
     */
    private record Finished(FiltersProvider.Patterns patterns, double seconds) {

        long dead() {
            return patterns.patterns().stream().filter(FilterPattern::dead).count();
        }
    }

    private Combo layer;
    private Text filters;
    private Combo preset;
    private ZoomCanvas grid;
    private ZoomCanvas large;
    private int[] shown = new int[0];
    private FilterPattern[] patterns = new FilterPattern[0];

    public FiltersView() {
        super(Messages.noModel, FiltersProvider::of);
    }

    @Override
    protected void createTop(Composite parent) {
        Composite bar = bar(parent, 7);
        layer = combo(bar, Messages.layer, 180, null);
        new Label(bar, SWT.NONE).setText(Messages.filters);
        filters = new Text(bar, SWT.BORDER);
        filters.setText(AnalysisOptions.DEFAULT_FILTERS);
        filters.setToolTipText(Messages.filtersTip);
        filters.setLayoutData(GridDataFactory.fillDefaults().hint(90, SWT.DEFAULT).create());
        preset = combo(bar, Messages.preset, SWT.DEFAULT, null);
        preset.setItems(AnalysisOptions.PRESETS.toArray(String[]::new));
        preset.select(0);
        preset.setToolTipText(Messages.presetTip);
        button(bar, Messages.run, this::run);
    }

    @Override
    protected void createBody(Composite parent) {
        SashForm sash = sideBySide(parent);
        grid = new ZoomCanvas(sash);
        large = new ZoomCanvas(sash);
        sash.setWeights(3, 1);
        grid.addListener(new ZoomCanvas.Listener() {

            @Override
            public void clicked(ZoomCanvas source, int x, int y) {
                showLarge(tileAt(x, y));
            }
        });
    }

    @Override
    protected void providerChanged(FiltersProvider provider) {
        layer.setItems(provider.layers().toArray(String[]::new));
        if (layer.getItemCount() > 0) {
            layer.select(0);
        }
        setStatus("");
    }

    @Override
    protected void providerRefused() {
        layer.setItems();
    }

    /** Starts computing the chosen filters of the chosen layer; a running job is cancelled first. */
    public void run() {
        FiltersProvider p = provider();
        if (p == null || layer.getSelectionIndex() < 0) {
            setStatus(Messages.noModel);
            return;
        }
        String l = layer.getText();
        int[] asked;
        try {
            asked = AnalysisOptions.filters(filters.getText());
        } catch (AnalysisException e) {
            setStatus(e.getMessage());
            return;
        }
        String presetName = AnalysisOptions.PRESETS.get(Math.max(0, preset.getSelectionIndex()));
        FilterPatternOptions options = p.options(presetName);
        int tileSize = options.size() - 2 * options.crop();
        // the places of the filters the graph says the layer has; the engine's answer replaces them
        int count = p.filterCount(l);
        shown = Arrays.stream(asked).filter(f -> count == 0 || f < count).toArray();
        patterns = new FilterPattern[shown.length];
        redrawGrid(tileSize);
        run(Messages.bind(Messages.jobName, l), monitor -> {
            long start = System.nanoTime();
            FiltersProvider.Patterns done = p.compute(l, asked, presetName, monitor,
                    pattern -> inUi(() -> arrived(pattern, tileSize)));
            return new Finished(done, (System.nanoTime() - start) / 1e9);
        }, f -> {
            shown = f.patterns().filters();
            patterns = f.patterns().patterns().toArray(FilterPattern[]::new);
            redrawGrid(tileSize);
            setStatus(Messages.bind(Messages.finished,
                    new Object[] { shown.length, l, String.format("%.1f", f.seconds()), f.dead() }));
        });
        setStatus(Messages.bind(Messages.running, shown.length, l));
    }

    private void arrived(FilterPattern p, int tileSize) {
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] == p.filter()) {
                patterns[i] = p;
            }
        }
        redrawGrid(tileSize);
    }

    private void redrawGrid(int tileSize) {
        RgbImage empty = new RgbImage(tileSize, tileSize, new int[tileSize * tileSize]);
        List<RgbImage> tiles = new ArrayList<>(patterns.length);
        for (FilterPattern p : patterns) {
            tiles.add(p == null ? empty : p.tile());
        }
        if (!tiles.isEmpty()) {
            grid.setImage(PatternGrid.of(tiles, PatternGrid.PER_ROW, PatternGrid.MARGIN));
        }
    }

    /** @return the pattern under grid pixel (x, y), or null in a margin or an empty place */
    private FilterPattern tileAt(int x, int y) {
        if (patterns.length == 0 || patterns[0] == null && Arrays.stream(patterns).allMatch(p -> p == null)) {
            return null;
        }
        FilterPattern any = Arrays.stream(patterns).filter(p -> p != null).findFirst().orElseThrow();
        int step = any.tile().width() + PatternGrid.MARGIN;
        int col = (x - PatternGrid.MARGIN) / step;
        int row = (y - PatternGrid.MARGIN) / step;
        boolean inTile = x >= PatternGrid.MARGIN && y >= PatternGrid.MARGIN
                && (x - PatternGrid.MARGIN) % step < any.tile().width()
                && (y - PatternGrid.MARGIN) % step < any.tile().height() && col < PatternGrid.PER_ROW;
        int i = row * PatternGrid.PER_ROW + col;
        return inTile && i < patterns.length ? patterns[i] : null;
    }

    private void showLarge(FilterPattern p) {
        if (p == null) {
            return;
        }
        large.setImage(p.tile());
        setStatus(p.dead()
                ? Messages.bind(Messages.tileDead, p.filter(), p.layer())
                : Messages.bind(Messages.tile,
                        new Object[] { p.filter(), p.layer(), String.format("%.4g", p.finalLoss()) }));
    }

    /** Picks the layer selected in another part (the graph) when it has filter patterns. */
    @Override
    protected void layersSelected(List<Layer> selected) {
        int i = Arrays.asList(layer.getItems()).indexOf(selected.get(0).id());
        if (i >= 0) {
            layer.select(i);
        }
    }

    /** From the graph's menu: that layer, and the first filters for a quick look. */
    @Override
    protected void layerChosen(String layerId) {
        choose(layerId, FIRST_LOOK, null);
    }

    /** @return the patterns shown so far, null where one has not arrived (tests) */
    public List<FilterPattern> patterns() {
        return Arrays.asList(patterns.clone());
    }

    /** @return the chosen layer's id, or "" (tests) */
    public String chosenLayer() {
        return layer.getText();
    }

    /** @return the filters field (tests) */
    public String filterRange() {
        return filters.getText();
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
            preset.select(Math.max(0, AnalysisOptions.PRESETS.indexOf(presetName)));
        }
    }

    @Override
    public void setFocus() {
        layer.setFocus();
    }
}
