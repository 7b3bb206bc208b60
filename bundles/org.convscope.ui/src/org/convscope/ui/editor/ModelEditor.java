package org.convscope.ui.editor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.ui.ComputedActivations;
import org.convscope.ui.ComputedActivations.LayerActivity;
import org.convscope.ui.FileDrops;
import org.convscope.ui.LoadedModels;
import org.convscope.ui.ModelEvents;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.OpenModel;
import org.convscope.ui.graph.FindBar;
import org.convscope.ui.graph.FoldMenu;
import org.convscope.ui.graph.GraphCanvas;
import org.convscope.ui.graph.GraphCommands;
import org.convscope.ui.graph.GraphContextMenu;
import org.convscope.ui.graph.GraphGroups;
import org.convscope.ui.graph.GraphHits.Hit;
import org.convscope.ui.graph.GraphHits.Kind;
import org.convscope.ui.graph.GraphLayoutJob;
import org.convscope.ui.graph.GraphModel;
import org.convscope.ui.graph.GraphSelectionProvider;
import org.convscope.ui.graph.GraphViewActions;
import org.convscope.ui.graph.LaidOutGraph;
import org.convscope.ui.graph.LayoutCache;
import org.convscope.ui.graph.OpeningLayouts;
import org.convscope.ui.graph.NodeGeometry;
import org.convscope.ui.graph.NodeLabels;
import org.convscope.ui.properties.ModelPropertySheetPage;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.jface.commands.ActionHandler;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.EditorPart;
import org.eclipse.ui.views.properties.IPropertySheetPage;
import org.osgi.service.event.EventHandler;

/**
 * A model file as a Netron-style graph, in the editor area: one editor per model (two on one
 * file share its loaded model, see {@link LoadedModels}), read-only, so never dirty. A thin shell
 * over the providers of {@code org.convscope.ui.graph}: it lays the graph out in a job, publishes
 * the selected layers to the selection service (the Properties view shows them), hears the
 * activation runs of its model on the event broker, and when activated makes its model the one
 * the views show ({@link ActiveModel}). Opens a {@link ModelEditorInput}, or any input that names a
 * local file (an IDE's workspace file, a file opened by URI): see {@link ModelEditorInput#fileOf}.
 */
public final class ModelEditor extends EditorPart implements GraphViewActions.Host, GraphEditorPart {

    /** The editor's id in plugin.xml. */
    public static final String ID = "org.convscope.ui.editors.model";

    private GraphCanvas canvas;
    private FindBar findBar;
    private GraphSelectionProvider selection;
    private NodeGeometry geometry;
    private IEventBroker broker;
    private EventHandler activationHandler;
    private ModelEditorInput modelInput;
    private LoadedModels.Lease lease;
    private OpenModel model;
    private Map<String, LayerActivity> activity = Map.of();
    private GraphGroups groups;
    private final Set<String> folded = new HashSet<>();
    /** A match of Find inside groups being unfolded, selected once the layout is done. */
    private String pendingSelect;
    private boolean leftRight;
    private NodeLabels labels = NodeLabels.DEFAULT;
    private GraphLayoutJob layoutJob;
    /** The group interiors laid out for this model, direction and run; null after any of them changes. */
    private LayoutCache layouts;
    /** Layers selected from outside, kept for the next layout, where folding may show them otherwise. */
    private List<String> wanted;
    private Job loadJob;
    private Display display;
    private boolean closed;
    private final IPartListener2 activation = new IPartListener2() {

        @Override
        public void partActivated(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == ModelEditor.this && model != null) {
                ActiveModel.activated(getSite().getWorkbenchWindow(), model);
            }
        }
    };

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        Path file = ModelEditorInput.fileOf(input)
                .orElseThrow(() -> new PartInitException(NLS.bind(Messages.notAModel, input.getName())));
        // an IDE's workspace file keeps its own input (Link with Editor, Show In); the model is read by path
        modelInput = input instanceof ModelEditorInput own ? own : new ModelEditorInput(file);
        setSite(site);
        setInput(input);
        setPartName(input.getName());
        setTitleToolTip(modelInput.getToolTipText());
    }

    /** @return the model file this editor shows, whatever input it was opened with */
    public ModelEditorInput input() {
        return modelInput;
    }

    @Override
    public void createPartControl(Composite parent) {
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        parent.setLayout(layout);
        display = parent.getDisplay();
        ToolBarManager toolBar = new ToolBarManager(SWT.FLAT | SWT.RIGHT);
        toolBar.createControl(parent).setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        canvas = new GraphCanvas(parent);
        findBar = new FindBar(parent, canvas, this::publishCanvasSelection, this::unfoldTo);
        findBar.control().moveAbove(canvas.control());
        canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas.onSelection(ids -> {
            wanted = null;
            publishCanvasSelection();
        });
        canvas.onToggle(this::toggle);
        canvas.control().addListener(SWT.KeyDown, e -> {
            if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'f' || e.keyCode == 'F')) {
                findBar.setVisible(true);
            }
        });
        selection = new GraphSelectionProvider(this::applySelection);
        getSite().setSelectionProvider(selection);
        GraphViewActions actions = new GraphViewActions(getSite(), this);
        actions.fillToolBar(toolBar);
        GraphContextMenu.install(this, canvas.control(), selection, this::model).addMenuListener(menu -> {
            FoldMenu.fill(menu, canvas, this::toggle);
            menu.add(new Separator());
            actions.fillMenu(menu);
        });
        // the site's handler is active while this editor is: Ctrl+F finds in the active graph
        getSite().getService(IHandlerService.class).activateHandler(actions.find().getActionDefinitionId(),
                new ActionHandler(actions.find()));
        GraphCommands.bindKeys(getSite(), canvas.control());
        canvas.control().addDisposeListener(e -> toolBar.dispose());
        FileDrops.accept(canvas.control(), file -> ModelOpener.open(getSite().getWorkbenchWindow(), file));

        broker = getSite().getService(IEventBroker.class);
        activationHandler = event -> {
            if (event.getProperty(IEventBroker.DATA) instanceof ComputedActivations a) {
                inUi(() -> showActivity(a));
            }
        };
        broker.subscribe(ModelEvents.ACTIVATIONS_COMPUTED, activationHandler);
        getSite().getPage().addPartListener(activation);
        ActiveModel.editorOpened(this);
        LoadedModels.shared().acquireLoaded(input().file()).ifPresentOrElse(this::loaded, this::load);
    }

    /** Reads the model in the background: an editor made for a model no other editor holds. */
    private void load() {
        canvas.showMessage(NLS.bind(Messages.loading, input().getName()));
        loadJob = new Job(NLS.bind(Messages.loading, input().getName())) {

            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    LoadedModels.Lease got = LoadedModels.shared().acquire(input().file());
                    inUiOr(() -> loaded(got), got::close);
                } catch (IOException | RuntimeException e) {
                    String message = ModelOpener.message(input().file(), e);
                    inUi(() -> canvas.showMessage(message));
                }
                return Status.OK_STATUS;
            }
        };
        loadJob.setSystem(true);
        loadJob.schedule();
    }

    private void loaded(LoadedModels.Lease got) {
        lease = got;
        model = got.model();
        OpeningLayouts.Prepared prepared = OpeningLayouts.take(model.graph(), geometry(), leftRight);
        if (prepared != null) {
            groups = prepared.groups();
            layouts = prepared.cache();
        } else {
            groups = GraphGroups.of(model.graph());
        }
        folded.addAll(groups.foldedAtOpen());
        if (prepared != null && labels == NodeLabels.DEFAULT && activity.isEmpty()) {
            // laid out as the editor shows it at open, while the model was read: shown at once
            show(prepared.laidOut(), true);
        } else {
            relayout(true);
        }
        if (getSite().getPage().getActivePart() == this) {
            ActiveModel.activated(getSite().getWorkbenchWindow(), model);
        }
        // An archive's weights are walked from now on (or were already); if the walk finds them
        // damaged the model cannot be used after all, and the editor closes saying why.
        model.graph().weightsRead().whenComplete((read, failure) -> {
            if (failure != null) {
                inUi(() -> weightsFailed(got, failure));
            }
        });
    }

    private void weightsFailed(LoadedModels.Lease got, Throwable failure) {
        if (lease != got) {
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        IWorkbenchWindow window = getSite().getWorkbenchWindow();
        OpenModel failed = model;
        getSite().getPage().closeEditor(this, false);
        ModelOpener.reportWeightsFailed(window, failed, cause);
    }

    /** @return the model shown, or null while it loads */
    public OpenModel model() {
        return model;
    }

    /** @return whether the editor shows its graph still: not closed, its controls not disposed */
    boolean isOpen() {
        return !closed && canvas != null && !canvas.control().isDisposed();
    }

    /** @return the graph canvas (tests look at what it shows) */
    @Override
    public GraphCanvas canvas() {
        return canvas;
    }

    /** @return the find row (tests type into it) */
    @Override
    public FindBar findBar() {
        return findBar;
    }

    /** @return the ids of the groups shown folded */
    public Set<String> folded() {
        return Set.copyOf(folded);
    }

    @Override
    public boolean leftRight() {
        return leftRight;
    }

    @Override
    public NodeLabels labels() {
        return labels;
    }

    @Override
    public void setLabels(NodeLabels l) {
        labels = l;
        // the boxes change size with their text: the cached group interiors no longer fit
        layouts = null;
        relayout(false);
    }

    @Override
    public void setLeftRight(boolean lr) {
        leftRight = lr;
        layouts = null;
        relayout(true);
    }

    @Override
    public void setAllExpanded(boolean all) {
        folded.clear();
        if (!all && groups != null) {
            folded.addAll(groups.ids());
        }
        relayout(false);
    }

    /** The file was opened again while this editor shows it: a cancelled layout is tried anew. */
    public void reopened() {
        if (model != null && canvas.graph() == null && (layoutJob == null || layoutJob.getState() == Job.NONE)) {
            relayout(true);
        }
    }

    private void showActivity(ComputedActivations a) {
        if (model != null && a.model().equals(model)) {
            activity = a.layers();
            layouts = null;
            relayout(false);
        }
    }

    /** @param hit a group to unfold ({@link Kind#EXPAND}) or fold */
    public void toggle(Hit hit) {
        if (hit.kind() == Kind.EXPAND) {
            folded.remove(hit.id());
        } else {
            folded.add(hit.id());
        }
        relayout(false);
    }

    /** Unfolds the groups holding a layer, and selects it once laid out. */
    private void unfoldTo(String layerId) {
        if (groups != null) {
            folded.removeAll(groups.chain(layerId));
            pendingSelect = layerId;
            relayout(false);
        }
    }

    private void show(LaidOutGraph result, boolean fit) {
        canvas.setGraph(result, fit);
        findBar.search();
        if (pendingSelect != null) {
            canvas.select(List.of(visibleId(pendingSelect)));
            pendingSelect = null;
        } else if (wanted != null) {
            List<String> ids = wanted.stream().map(this::visibleId).distinct().toList();
            if (!canvas.selection().equals(Set.copyOf(ids))) {
                canvas.select(ids);
            }
        }
        publishCanvasSelection();
    }

    private void relayout(boolean fit) {
        if (model == null) {
            return;
        }
        if (layoutJob != null) {
            layoutJob.cancel();
        }
        ModelGraph graph = model.graph();
        GraphGroups tree = groups;
        Set<String> closedGroups = Set.copyOf(folded);
        Map<String, LayerActivity> stats = activity;
        if (layouts == null) {
            layouts = new LayoutCache(geometry(), leftRight);
        }
        NodeLabels words = labels;
        GraphLayoutJob[] job = new GraphLayoutJob[1];
        job[0] = new GraphLayoutJob(model.fileName(),
                () -> words.apply(GraphModel.of(graph, tree, closedGroups, stats)), graph.layers().size(), layouts,
                result -> inUi(() -> {
                    // Only the newest layout is shown; an older one finishing late is dropped.
                    if (job[0] == layoutJob) {
                        show(result, fit);
                    }
                }));
        layoutJob = job[0];
        layoutJob.schedule();
        if (fit) {
            layoutJob.reportOn(canvas, model.fileName(), () -> job[0] == layoutJob);
        }
    }

    /** Font measures for the layout, taken when the model is first laid out rather than at creation. */
    private NodeGeometry geometry() {
        if (geometry == null) {
            geometry = OpeningLayouts.geometry(canvas.control().getDisplay());
        }
        return geometry;
    }

    private void publishCanvasSelection() {
        LaidOutGraph g = canvas.graph();
        List<Layer> layers = new ArrayList<>();
        if (g != null) {
            canvas.selection().forEach(id -> {
                var box = g.model().node(id);
                if (box != null) {
                    layers.add(box.layer());
                }
            });
        }
        if (!layers.equals(selection.getSelection() instanceof IStructuredSelection s ? s.toList() : List.of())) {
            selection.changed(new StructuredSelection(layers));
        }
    }

    private StructuredSelection applySelection(ISelection s) {
        List<String> ids = new ArrayList<>();
        wanted = new ArrayList<>();
        if (s instanceof IStructuredSelection ss) {
            for (Object o : ss.toList()) {
                if (o instanceof Layer l) {
                    ids.add(visibleId(l.id()));
                    wanted.add(l.id());
                }
            }
        }
        canvas.select(ids);
        LaidOutGraph g = canvas.graph();
        List<Layer> layers = ids.stream().map(id -> g == null ? null : g.model().node(id)).filter(n -> n != null)
                .map(n -> n.layer()).toList();
        return new StructuredSelection(layers);
    }

    /** A layer inside a folded group is shown by the group's box. */
    private String visibleId(String layerId) {
        LaidOutGraph g = canvas.graph();
        String box = g == null ? null : g.model().shownBy(layerId);
        return box == null ? layerId : box;
    }

    private void inUi(Runnable r) {
        inUiOr(r, () -> {
            // the editor closed meanwhile: nothing to show
        });
    }

    /** Runs {@code r} in the UI thread while the editor is open, else {@code instead}. */
    private void inUiOr(Runnable r, Runnable instead) {
        if (display.isDisposed()) {
            instead.run();
            return;
        }
        display.asyncExec(() -> {
            if (!closed && !canvas.control().isDisposed()) {
                r.run();
            } else {
                instead.run();
            }
        });
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IPropertySheetPage.class) {
            return adapter.cast(new ModelPropertySheetPage(this::model));
        }
        return super.getAdapter(adapter);
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        // read-only: there is nothing to save
    }

    @Override
    public void doSaveAs() {
        // read-only: Save As is not offered
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void setFocus() {
        canvas.control().setFocus();
    }

    @Override
    public void dispose() {
        closed = true;
        getSite().getPage().removePartListener(activation);
        ActiveModel.editorClosed(this, getSite().getWorkbenchWindow(), getSite().getPage());
        if (layoutJob != null) {
            layoutJob.cancel();
        }
        if (loadJob != null) {
            loadJob.cancel();
        }
        if (broker != null) {
            broker.unsubscribe(activationHandler);
        }
        try {
            if (lease != null) {
                lease.close();
            }
        } finally {
            super.dispose();
        }
    }
}
