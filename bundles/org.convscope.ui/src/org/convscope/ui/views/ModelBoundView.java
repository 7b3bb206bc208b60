package org.convscope.ui.views;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.model.Layer;
import org.convscope.ui.LayerChoice;
import org.convscope.ui.ModelEvents;
import org.convscope.ui.ModelOpener;
import org.convscope.ui.ModelProvider;
import org.convscope.ui.OpenModel;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.osgi.service.event.EventHandler;

/**
 * The skeleton of a view over the active model: it follows the active model editor
 * ({@link ModelEvents#MODEL_ACTIVATED}, and the model active before it was created), makes a
 * provider per model and closes the last one, empties itself when the last model editor closes
 * ({@link ModelEvents#MODELS_CLOSED}), hears the layers selected elsewhere and {@link LayerChoice}s addressed to it, runs its
 * analyses as cancellable {@link AnalysisJob}s, and shows how they ended in one status line: a
 * message when the input cannot do what was asked, an error (with its icon, and in the workbench's
 * status line) for a bug. Subclasses build their widgets around the status line and fill them from
 * the provider; they talk to other parts only through the event broker and the selection service.
 *
 * @param <P> the provider
 */
public abstract class ModelBoundView<P extends ModelProvider> extends ViewPart {

    private final String noModel;
    private final Function<OpenModel, P> providers;
    private Label icon;
    private Label status;
    /** The status line's, kept: called from a Job after the view closed, a disposed label no longer knows it. */
    private Display display;
    private int severity = IStatus.OK;
    private P provider;
    private Job job;
    /** Runs started, so that a superseded run's late outcome is dropped. */
    private int runs;
    private IEventBroker broker;
    private final EventHandler onModelActivated = e -> modelActivated(e.getProperty(IEventBroker.DATA));
    private final EventHandler onModelsClosed = e -> modelsClosed();
    private final EventHandler onLayerChosen = e -> {
        if (e.getProperty(IEventBroker.DATA) instanceof LayerChoice c && c.viewId().equals(getViewSite().getId())
                && !status.isDisposed()) {
            layerChosen(c.layerId());
        }
    };
    private final ISelectionListener onSelection = this::selectionChanged;

    /**
     * @param noModel   the status line while no model is open
     * @param providers makes the provider for a model; throws {@link AnalysisException} when this
     *                  view can do nothing with it (the view shows the message)
     */
    protected ModelBoundView(String noModel, Function<OpenModel, P> providers) {
        this.noModel = noModel;
        this.providers = providers;
    }

    @Override
    public final void createPartControl(Composite parent) {
        parent.setLayout(GridLayoutFactory.swtDefaults().create());
        createTop(parent);
        Composite line = new Composite(parent, SWT.NONE);
        line.setLayout(GridLayoutFactory.fillDefaults().numColumns(2).create());
        line.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        icon = new Label(line, SWT.NONE);
        icon.setLayoutData(GridDataFactory.fillDefaults().exclude(true).create());
        icon.setVisible(false);
        status = new Label(line, SWT.NONE);
        display = status.getDisplay();
        status.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        createBody(parent);
        broker = getSite().getService(IEventBroker.class);
        broker.subscribe(ModelEvents.MODEL_ACTIVATED, onModelActivated);
        broker.subscribe(ModelEvents.MODELS_CLOSED, onModelsClosed);
        broker.subscribe(ModelEvents.LAYER_CHOSEN, onLayerChosen);
        getSite().getPage().addSelectionListener(onSelection);
        setStatus(noModel);
        // a model activated before this view was created went by on the broker unseen
        modelActivated(ModelOpener.current());
    }

    /** @return a row of {@code columns} controls across {@code parent}, for a view's options */
    protected static Composite bar(Composite parent, int columns) {
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayout(new GridLayout(columns, false));
        bar.setLayoutData(GridDataFactory.fillDefaults().grab(true, false).create());
        return bar;
    }

    /**
     * @param width   the width hint, or {@link SWT#DEFAULT}
     * @param changed told when the person picks another item, or null
     * @return a read-only combo after a label saying {@code label}, in {@code bar}
     */
    protected static Combo combo(Composite bar, String label, int width, Runnable changed) {
        new Label(bar, SWT.NONE).setText(label);
        Combo combo = new Combo(bar, SWT.READ_ONLY);
        combo.setLayoutData(GridDataFactory.fillDefaults().hint(width, SWT.DEFAULT).create());
        if (changed != null) {
            combo.addListener(SWT.Selection, e -> changed.run());
        }
        return combo;
    }

    /** @return a horizontal sash filling the rest of {@code parent}, for panes side by side */
    protected static SashForm sideBySide(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(GridDataFactory.fillDefaults().grab(true, true).create());
        return sash;
    }

    /** @return a push button saying {@code text} in {@code bar}, running {@code pressed} */
    protected static Button button(Composite bar, String text, Runnable pressed) {
        Button b = new Button(bar, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> pressed.run());
        return b;
    }

    /** Creates the controls above the status line (input, layer, options). */
    protected abstract void createTop(Composite parent);

    /** Creates the controls below the status line (the results); they take the rest of the height. */
    protected abstract void createBody(Composite parent);

    /** A new model's provider is in place ({@link #provider()}): fill the controls and the status line. */
    protected abstract void providerChanged(P provider);

    /**
     * No usable model: the one just activated cannot be used here, or the last model editor
     * closed. Clear what the last model filled in.
     */
    protected void providerRefused() {
    }

    /** Other parts selected these layers (of any model); the default ignores them. */
    protected void layersSelected(List<Layer> layers) {
    }

    /** A {@link LayerChoice} named this view; the default ignores it. */
    protected void layerChosen(String layerId) {
    }

    private void modelsClosed() {
        if (status.isDisposed()) {
            return;
        }
        cancel();
        if (provider != null) {
            provider.close();
            provider = null;
        }
        providerRefused();
        setStatus(noModel);
    }

    private void modelActivated(Object data) {
        if (!(data instanceof OpenModel m) || status.isDisposed() || provider != null && provider.model().equals(m)) {
            return;
        }
        cancel();
        if (provider != null) {
            provider.close();
            provider = null;
        }
        try {
            provider = providers.apply(m);
        } catch (AnalysisException e) {
            providerRefused();
            setStatus(e.getMessage());
            return;
        }
        providerChanged(provider);
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == this || !(selection instanceof IStructuredSelection s) || s.isEmpty()) {
            return;
        }
        List<Layer> layers = s.toList().stream().filter(Layer.class::isInstance).map(Layer.class::cast).toList();
        if (!layers.isEmpty()) {
            layersSelected(layers);
        }
    }

    /** @return the workbench's event broker, to tell other parts what happened here */
    protected final IEventBroker broker() {
        return broker;
    }

    /** @return the current model's provider, or null when no usable model is open */
    protected final P provider() {
        return provider;
    }

    /** @return the current model's provider, if a usable model is open (tests) */
    public final Optional<P> currentProvider() {
        return Optional.ofNullable(provider);
    }

    /**
     * Runs {@code work} in a cancellable Job of this view's family (its class), cancelling the one
     * under way. The result reaches {@code received} in the UI thread, unless the view was closed,
     * another model opened or another run started meanwhile; a cancel, an input that cannot do
     * this and a bug reach the status line.
     */
    protected final <R> void run(String name, AnalysisJob.Work<R> work, Consumer<R> received) {
        cancel();
        P asked = provider;
        int run = ++runs;
        job = new AnalysisJob<>(name, getClass(), work, AnalysisJob.inUi(status, outcome -> {
            if (asked == provider && run == runs) {
                show(outcome, received);
            }
        }));
        job.schedule();
    }

    private <R> void show(AnalysisJob.Outcome<R> outcome, Consumer<R> received) {
        if (outcome.ok()) {
            received.accept(outcome.value());
        } else if (outcome.status().getSeverity() == IStatus.ERROR) {
            showError(outcome.status());
        } else {
            setStatus(outcome.message());
        }
    }

    /**
     * Runs {@code update} in the UI thread while the view is open and its model the one current
     * now (results that arrive while a Job runs).
     */
    protected final void inUi(Runnable update) {
        P asked = provider;
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!status.isDisposed() && asked == provider) {
                    update.run();
                }
            });
        }
    }

    /** Cancels the analysis under way, if any. */
    protected final void cancel() {
        if (job != null) {
            job.cancel();
            job = null;
        }
    }

    /** Shows {@code text} in the status line; the whole text is the tooltip (errors can be long). */
    protected final void setStatus(String text) {
        severity = IStatus.OK;
        show(null, text);
        getViewSite().getActionBars().getStatusLineManager().setErrorMessage(null);
    }

    private void showError(IStatus error) {
        severity = IStatus.ERROR;
        show(AnalysisJob.errorImage(), error.getMessage());
        AnalysisJob.showError(getViewSite().getActionBars(), error);
    }

    private void show(Image image, String text) {
        icon.setImage(image);
        icon.setVisible(image != null);
        ((GridData) icon.getLayoutData()).exclude = image == null;
        status.setText(text);
        status.setToolTipText(text);
        status.getParent().layout(true);
    }

    /** @return the status line's text (tests) */
    public String statusText() {
        return status.getText();
    }

    /** @return {@link IStatus#ERROR} while the status line shows a bug, else {@link IStatus#OK} (tests) */
    public int statusSeverity() {
        return severity;
    }

    @Override
    public void dispose() {
        cancel();
        if (broker != null) {
            broker.unsubscribe(onModelActivated);
            broker.unsubscribe(onModelsClosed);
            broker.unsubscribe(onLayerChosen);
        }
        getSite().getPage().removeSelectionListener(onSelection);
        if (provider != null) {
            provider.close();
        }
        super.dispose();
    }
}
