package org.convscope.ui.ide;

import org.convscope.ui.ModelEvents;
import org.convscope.ui.OpenModel;
import org.convscope.ui.editor.ModelEditor;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.ide.IDE;
import org.osgi.service.event.EventHandler;

/**
 * A command on a model file selected in the Project Explorer (or any view showing workspace
 * files): opens the file in the model editor, then, once the model is read and the views follow
 * it, does what the subclass does with the model ({@link #withModel}).
 */
abstract class ModelFileHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IFile file = Adapters.adapt(HandlerUtil.getCurrentStructuredSelection(event).getFirstElement(), IFile.class);
        if (file == null) {
            return null;
        }
        IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage();
        IEditorPart part;
        try {
            part = IDE.openEditor(page, file, ModelEditor.ID, true);
        } catch (PartInitException e) {
            throw new ExecutionException(NLS.bind(Messages.cannotOpen, file.getFullPath()), e);
        }
        if (part instanceof ModelEditor editor) {
            whenLoaded(page, editor);
        }
        return null;
    }

    /**
     * Runs {@link #withModel} once the editor's model is read and activated: at once when it is
     * (the file was open already), else when the editor announces it on the event broker.
     */
    private void whenLoaded(IWorkbenchPage page, ModelEditor editor) {
        Display display = page.getWorkbenchWindow().getShell().getDisplay();
        if (editor.model() != null) {
            withModel(page);
            return;
        }
        IEventBroker broker = page.getWorkbenchWindow().getService(IEventBroker.class);
        EventHandler[] once = new EventHandler[1];
        once[0] = event -> {
            if (event.getProperty(IEventBroker.DATA) instanceof OpenModel m && m.equals(editor.model())) {
                broker.unsubscribe(once[0]);
                // after the views have taken the model from the same event
                display.asyncExec(() -> {
                    if (!page.getWorkbenchWindow().getShell().isDisposed()) {
                        withModel(page);
                    }
                });
            }
        };
        broker.subscribe(ModelEvents.MODEL_ACTIVATED, once[0]);
    }

    /**
     * Called in the UI thread once the model editor on the file is the active model.
     *
     * @param page the page of the editor
     */
    abstract void withModel(IWorkbenchPage page);
}
