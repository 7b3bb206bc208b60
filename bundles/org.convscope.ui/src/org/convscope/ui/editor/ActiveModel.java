package org.convscope.ui.editor;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.convscope.ui.ModelEvents;
import org.convscope.ui.OpenModel;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;

/**
 * The model the views show: that of the model editor activated last, until another one is
 * activated or the model editors are all closed. An editor of another kind (a channel grid)
 * leaves it as it is. Told on the event broker ({@link ModelEvents#MODEL_ACTIVATED},
 * {@link ModelEvents#MODELS_CLOSED}), sent rather than posted, so the views have followed by the
 * time a tab's activation returns. UI thread only.
 */
public final class ActiveModel {

    /** The model editors open, in the order they were made. */
    private static final Set<ModelEditor> EDITORS = new LinkedHashSet<>();
    private static OpenModel current;

    private ActiveModel() {
    }

    /** @return the active model, or null when no model editor is open */
    public static OpenModel current() {
        return current;
    }

    /** An editor showing {@code model} was activated, or finished loading while active. */
    static void activated(IWorkbenchWindow window, OpenModel model) {
        if (model == current) {
            return;
        }
        current = model;
        window.getService(IEventBroker.class).send(ModelEvents.MODEL_ACTIVATED, model);
    }

    /** A model editor was made: until it is closed, it may be the one the views follow. */
    static void editorOpened(ModelEditor editor) {
        EDITORS.add(editor);
    }

    /**
     * A model editor of {@code page} closed: once the page has settled (closing all editors closes
     * them one by one), the active model is that of the page's active editor if it is a model
     * editor, else the current one while an editor still shows it, else that of any model editor
     * left, else none.
     */
    static void editorClosed(ModelEditor editor, IWorkbenchWindow window, IWorkbenchPage page) {
        EDITORS.remove(editor);
        Display display = window.getShell() == null ? null : window.getShell().getDisplay();
        if (display == null || display.isDisposed()) {
            current = null;
            return;
        }
        display.asyncExec(() -> {
            // an editor whose controls went without its dispose (a failed close) shows nothing any more
            EDITORS.removeIf(e -> !e.isOpen());
            if (window.getShell() == null || window.getShell().isDisposed()) {
                current = null;
                return;
            }
            Optional<OpenModel> next = shownBy(page.getActiveEditor())
                    .or(() -> editors(window).filter(m -> m == current).findFirst())
                    .or(() -> editors(window).findFirst());
            if (next.isPresent()) {
                activated(window, next.get());
            } else if (current != null) {
                current = null;
                window.getService(IEventBroker.class).send(ModelEvents.MODELS_CLOSED, Boolean.TRUE);
            }
        });
    }

    private static Stream<OpenModel> editors(IWorkbenchWindow window) {
        return EDITORS.stream().filter(e -> e.getSite().getWorkbenchWindow() == window).map(ActiveModel::shownBy)
                .flatMap(Optional::stream);
    }

    private static Optional<OpenModel> shownBy(IEditorPart part) {
        return part instanceof ModelEditor e && EDITORS.contains(e) && e.isOpen()
                ? Optional.ofNullable(e.model())
                : Optional.empty();
    }
}
