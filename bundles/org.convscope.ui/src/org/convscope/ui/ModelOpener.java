package org.convscope.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.ui.atlas.AtlasOpener;
import org.convscope.ui.editor.ActiveModel;
import org.convscope.ui.editor.EditorPlacement;
import org.convscope.ui.editor.ModelEditor;
import org.convscope.ui.editor.ModelEditorInput;
import org.convscope.ui.graph.OpeningLayouts;
import org.convscope.ui.open.ErrorReporter;
// The opening strings live with the rest of opening; this import shadows this package's Messages.
import org.convscope.ui.open.Messages;
import org.convscope.ui.open.RecentModels;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;

/**
 * Opens a model file in the workbench: reads it in a background job (unless an editor holds it
 * already, see {@link LoadedModels}), then opens it in a {@link ModelEditor}, or brings the editor
 * that shows it to the front; a scan store opens in the Channel Atlas instead. The activated editor makes it the model the views show
 * ({@link ModelEvents#MODEL_ACTIVATED}). A file that cannot be read goes to the
 * {@link ErrorReporter}, and the editors open before stay as they are.
 */
public final class ModelOpener {

    /** The family of the opening jobs, so callers (tests) can wait for them. */
    public static final Object FAMILY = ModelOpener.class;

    private static final AtomicReference<ErrorReporter> REPORTER = new AtomicReference<>(ErrorReporter.DIALOG);
    /** Models whose late failure was reported; used in the UI thread only. */
    private static final Set<OpenModel> REPORTED = Collections.newSetFromMap(new WeakHashMap<>());

    private ModelOpener() {
    }

    /**
     * Opens {@code file} in the background. Returns at once; call from the UI thread.
     *
     * @param window the window to open it in
     * @param file   a Keras model file
     * @return the job reading it
     */
    public static Job open(IWorkbenchWindow window, Path file) {
        if (AtlasOpener.isStore(file)) {
            // a scan store (dropped, or named at start) opens in the Channel Atlas
            OpenModel model = current();
            return AtlasOpener.open(window, file, model == null ? List.of() : List.of(model.file()), null);
        }
        Display display = window.getShell().getDisplay();
        // measured here, in the UI thread, so that the reading job can lay the model out meanwhile
        OpeningLayouts.geometry(display);
        Job job = new Job(NLS.bind(Messages.openJob, file.getFileName())) {

            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                try {
                    LoadedModels.Lease lease = LoadedModels.shared().acquire(file);
                    if (monitor.isCanceled()) {
                        lease.close();
                        return Status.CANCEL_STATUS;
                    }
                    asyncOnWindow(window, display, () -> {
                        // the editor takes a lease of its own; this one only kept the model loaded till then
                        try (lease) {
                            opened(window, file);
                        }
                    }, lease::close);
                } catch (IOException | RuntimeException e) {
                    String message = message(file, e);
                    asyncOnWindow(window, display, () -> REPORTER.get().report(window, file, message, e), () -> {
                        // with the window gone there is no one to tell
                    });
                } finally {
                    monitor.done();
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(false);
        job.schedule();
        return job;
    }

    /**
     * @return the model in {@code file}, read in the caller's thread
     * @throws IOException naming the file: not found, a folder, or not a readable model
     */
    public static ModelGraph read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(NLS.bind(Messages.isDirectory, file.getFileName()));
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(NLS.bind(Messages.fileNotFound, file));
        }
        // An archive's graph comes back before its weights are walked: it is laid out here, the
        // editor shows it and then has the walk started (closing if the walk finds the file damaged).
        ModelGraph graph = KerasModels.openEarly(file);
        if (graph.weightsPending()) {
            OpeningLayouts.prepare(graph);
        }
        return graph;
    }

    /**
     * Reports that a model shown already cannot be used after all (its weights, read after its
     * graph, are damaged): once per loaded model, however many editors showed it. Call in the UI
     * thread.
     *
     * @param window the window of an editor that showed it
     * @param model  the model
     * @param cause  what reading the weights found wrong, naming the file
     */
    public static void reportWeightsFailed(IWorkbenchWindow window, OpenModel model, Throwable cause) {
        if (REPORTED.add(model)) {
            Exception e = cause instanceof Exception x ? x : new IOException(cause);
            REPORTER.get().report(window, model.file(), message(model.file(), e), e);
        }
    }

    /**
     * Readers word their messages for people (file and problem in one line); anything else gets
     * the file name and the exception's own words.
     */
    public static String message(Path file, Exception e) {
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return NLS.bind(Messages.unexpected, file.getFileName(), what);
    }

    /** Runs {@code r} on the UI thread if the window is still open then, else {@code instead}. */
    private static void asyncOnWindow(IWorkbenchWindow window, Display display, Runnable r, Runnable instead) {
        if (display.isDisposed()) {
            instead.run();
            return;
        }
        display.asyncExec(() -> {
            Shell shell = window.getShell();
            if (shell != null && !shell.isDisposed()) {
                r.run();
            } else {
                instead.run();
            }
        });
    }

    private static void opened(IWorkbenchWindow window, Path file) {
        RecentModels.add(file);
        IWorkbenchPage page = window.getActivePage();
        if (page == null) {
            return;
        }
        ModelEditorInput input = new ModelEditorInput(file);
        try {
            IEditorPart shown = page.findEditor(input);
            IEditorPart editor = page.openEditor(input, ModelEditor.ID, true, IWorkbenchPage.MATCH_INPUT);
            EditorPlacement.amongGraphs(editor);
            if (editor == shown && editor instanceof ModelEditor again) {
                again.reopened();
            }
        } catch (PartInitException e) {
            REPORTER.get().report(window, file, message(file, e), e);
        }
    }

    /**
     * @return the model of the active model editor, the one the views show, or null when no model
     *         editor is open
     */
    public static OpenModel current() {
        return ActiveModel.current();
    }

    /**
     * Replaces where open errors go (tests record them instead of showing a dialog).
     *
     * @param reporter the new reporter
     * @return the one it replaces
     */
    public static ErrorReporter setErrorReporter(ErrorReporter reporter) {
        return REPORTER.getAndSet(Objects.requireNonNull(reporter, "reporter"));
    }
}
