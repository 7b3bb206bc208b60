package org.convscope.ui.views;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.convscope.core.model.Layer;
import org.convscope.ui.InputChoice;
import org.convscope.ui.ModelEvents;
import org.convscope.ui.activations.Actions;
import org.convscope.ui.activations.ActivationProvider;
import org.convscope.ui.activations.ActivationRun;
import org.convscope.ui.activations.InputChooser;
import org.convscope.ui.activations.InputKey;
import org.convscope.ui.activations.LayerChecklist;
import org.convscope.ui.activations.LayerRow;
import org.convscope.ui.activations.Messages;
import org.convscope.ui.activations.ResultTable;
import org.convscope.ui.activations.RunSummary;
import org.convscope.ui.compare.CompareEditor;
import org.convscope.ui.compare.CompareEditorInput;
import org.convscope.ui.compare.CompareInputs;
import org.convscope.ui.grid.Editors;
import org.convscope.ui.grid.GridEditorInput;
import org.convscope.ui.prefs.UiPreferences;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IEditorPart;
import org.osgi.service.event.EventHandler;

/**
 * Runs the open model on an input and lists every layer's output: shape, mean, max, zeros and dead
 * channels. Layers ticked here follow the graph's selection; with Link with Graph on, selecting a
 * layer in the graph shows its grid at once from the cached run. The work lives in
 * {@link ActivationProvider}; this view only wires widgets to it.
 */
public final class ActivationView extends ModelBoundView<ActivationProvider> {

    private InputChooser chooser;
    private LayerChecklist layers;
    private ResultTable results;
    private ActivationRun run;
    private final Action link = new Action(Messages.linkAction, IAction.AS_CHECK_BOX) {
    };
    /** Inputs given for a model, run when the next provider is that model's (it was being opened). */
    private InputChoice pending;
    private final EventHandler onInputsChosen = e -> {
        if (e.getProperty(IEventBroker.DATA) instanceof InputChoice c && !layers.viewer().getControl().isDisposed()) {
            inputsChosen(c);
        }
    };

    public ActivationView() {
        super(Messages.noModel, ActivationProvider::of);
    }

    @Override
    protected void createTop(Composite parent) {
        chooser = new InputChooser(parent, UiPreferences.workbench(), this::inputChanged);
    }

    @Override
    protected void createBody(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        layers = new LayerChecklist(sash, this::showRows);
        results = new ResultTable(sash);
        results.viewer().addDoubleClickListener(e -> openGrid(selectedLayer(), false));
        sash.setWeights(1, 3);
        // SWT gives a drop to the control under the pointer, not to its parent: every area accepts images
        chooser.acceptDrops(parent);
        chooser.acceptDrops(layers.viewer().getControl());
        chooser.acceptDrops(results.viewer().getControl());
        getSite().setSelectionProvider(layers.viewer());
        contributeActions();
        getSite().getService(IEventBroker.class).subscribe(ModelEvents.INPUTS_CHOSEN, onInputsChosen);
    }

    private void contributeActions() {
        IToolBarManager bar = getViewSite().getActionBars().getToolBarManager();
        bar.add(Actions.push(Messages.computeAction, Messages.computeTip, this::compute));
        bar.add(Actions.push(Messages.gridAction, Messages.gridTip, () -> openGrid(selectedLayer(), false)));
        bar.add(Actions.push(Messages.compareAction, Messages.compareTip, this::compareDialog));
        link.setChecked(true);
        bar.add(link);
    }

    @Override
    protected void providerChanged(ActivationProvider provider) {
        run = null;
        layers.setLayers(provider.layers());
        results.viewer().setInput(List.of());
        chooser.setPreprocessing(provider.suggestedPreprocessing(UiPreferences.workbench().preprocessing()));
        // a model that takes no image says so now, not only when Compute is pressed
        setStatus(provider.notAnImageModel().orElseGet(
                () -> Messages.bind(Messages.modelReady, provider.model().fileName(), provider.layers().size())));
        InputChoice given = pending;
        pending = null;
        if (given != null && given.isFor(provider.model().file())) {
            compute();
        }
    }

    @Override
    protected void providerRefused() {
        run = null;
        layers.setLayers(List.of());
        results.viewer().setInput(List.of());
    }

    /**
     * Makes the chosen files the inputs, the first one current, and computes it: now if its model
     * is the one shown, and again when that model's provider arrives (a model being opened; the
     * run on the one it replaces is cancelled then). An input that cannot be read gets the message
     * that Compute gives it.
     */
    private void inputsChosen(InputChoice choice) {
        chooser.setFiles(choice.files());
        pending = choice;
        run = null;
        showRows();
        if (provider() != null && choice.isFor(provider().model().file())) {
            compute();
        }
    }

    /** The user chose another input (or preprocessing): what was given earlier is no longer waiting. */
    private void inputChanged() {
        pending = null;
        run = provider() == null ? null : provider().cached(key()).orElse(null);
        showRows();
    }

    private InputKey key() {
        Path file = chooser.currentFile();
        return file == null ? null : new InputKey(file, chooser.preprocessing());
    }

    /** Computes the current input unless it is cached; the table fills when the Job is done. */
    public void compute() {
        InputKey key = key();
        ActivationProvider p = provider();
        if (p == null || key == null) {
            setStatus(p == null ? Messages.noModel : Messages.noInput);
            return;
        }
        run(Messages.bind(Messages.computeTask, key.fileName()), monitor -> p.compute(key, monitor), computed -> {
            chooser.remember(key.file());
            run = computed;
            showRows();
            broker().post(ModelEvents.ACTIVATIONS_COMPUTED, p.computed(run));
        });
    }

    /** Lists the ticked layers' rows, or every row when none is ticked. */
    private void showRows() {
        InputKey k = key();
        if (run == null || k == null || !k.equals(run.input())) {
            results.viewer().setInput(List.of());
            return;
        }
        Set<String> ticked = checkedLayers().stream().map(Layer::id).collect(Collectors.toSet());
        List<LayerRow> rows = ticked.isEmpty()
                ? run.rows()
                : run.rows().stream().filter(r -> ticked.contains(r.layerId())).toList();
        results.viewer().setInput(rows);
        setStatus(RunSummary.of(run, provider().model().fileName()));
    }

    /** Ticks {@code selected} (layers of the current model) and, when linked, shows the first one's grid. */
    @Override
    public void layersSelected(List<Layer> selected) {
        if (provider() == null) {
            return;
        }
        List<Layer> picked = new ArrayList<>();
        for (Layer l : selected) {
            provider().layer(l.id()).ifPresent(picked::add);
        }
        if (picked.isEmpty()) {
            return;
        }
        layers.setChecked(picked);
        showRows();
        if (run != null && picked.size() == 1) {
            results.viewer().setSelection(run.row(picked.get(0).id()).map(StructuredSelection::new)
                    .orElse(StructuredSelection.EMPTY), true);
            if (link.isChecked()) {
                openGrid(picked.get(0).id(), true);
            }
        }
    }

    private String selectedLayer() {
        Object row = results.viewer().getStructuredSelection().getFirstElement();
        if (row instanceof LayerRow r) {
            return r.layerId();
        }
        List<Layer> checked = checkedLayers();
        return checked.isEmpty() ? null : checked.get(0).id();
    }

    /**
     * Opens the grid of {@code layerId} for the current input. With {@code reuse}, an open grid
     * editor switches to it instead (the graph's clicks would otherwise pile up editors).
     *
     * @return the editor, or null when nothing could be opened
     */
    public IEditorPart openGrid(String layerId, boolean reuse) {
        if (layerId == null || provider() == null || key() == null) {
            setStatus(Messages.noLayerChosen);
            return null;
        }
        return Editors.showGrid(getSite().getPage(), new GridEditorInput(provider(), key(), layerId), reuse);
    }

    private void compareDialog() {
        String layer = selectedLayer();
        if (layer == null || provider() == null) {
            setStatus(provider() == null ? Messages.noModel : Messages.noLayerChosen);
            return;
        }
        Optional<List<Path>> answer = CompareInputs.ask(getSite().getShell(), chooser.offered(), layer);
        if (answer.isEmpty()) {
            return;
        }
        List<Path> chosen = answer.get();
        if (chosen.size() < 2) {
            setStatus(Messages.compareNeedsTwo);
            return;
        }
        openCompare(chosen, layer);
    }

    /** Opens a comparison of {@code files} (two or more) for {@code layerId}. */
    public IEditorPart openCompare(List<Path> files, String layerId) {
        List<InputKey> keys = files.stream().map(f -> new InputKey(f, chooser.preprocessing())).toList();
        return Editors.open(getSite().getPage(), new CompareEditorInput(provider(), keys, layerId), CompareEditor.ID);
    }

    /** Makes {@code file} the current input (tests, the command line). */
    public void setInputFile(Path file) {
        chooser.setFile(file);
        inputChanged();
    }

    /** @return the current input file, or null when there is none */
    public Path inputFile() {
        return chooser.currentFile();
    }

    /** @return the input files offered, in the order of the list */
    public List<Path> offeredInputs() {
        return chooser.offered();
    }

    /** @return the last run shown, if any */
    public Optional<ActivationRun> run() {
        return Optional.ofNullable(run);
    }

    /** @return the layer checklist (tests read its rows) */
    public LayerChecklist layerChecklist() {
        return layers;
    }

    /** @return the ticked layers */
    public List<Layer> checkedLayers() {
        return layers.checked();
    }

    @Override
    public void dispose() {
        if (broker() != null) {
            broker().unsubscribe(onInputsChosen);
        }
        super.dispose();
    }

    @Override
    public void setFocus() {
        layers.viewer().getControl().setFocus();
    }

}
