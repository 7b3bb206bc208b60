package org.convscope.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.ui.open.ErrorReporter;
// The opening strings live with the rest of opening; this import shadows this package's Messages.
import org.convscope.ui.open.Messages;
import org.convscope.ui.open.RecentModels;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;

/**
 * Opens a model file in the workbench: reads it in a background job, then tells the other parts
 * through the event broker ({@link ModelEvents#MODEL_OPENED} with an {@link OpenModel}). A file
 * that cannot be read goes to the {@link ErrorReporter} and the model open before stays.
 * <p>
 * The current model's file is held open here until the next model opens or the workbench closes;
 * it closes once the providers of the parts have let go of it too.
 */
public final class ModelOpener {

    /** The family of the opening jobs, so callers (tests) can wait for them. */
    public static final Object FAMILY = ModelOpener.class;

    private static final AtomicReference<ErrorReporter> REPORTER = new AtomicReference<>(ErrorReporter.DIALOG);
    private static final AtomicReference<OpenModel.Hold> CURRENT = new AtomicReference<>();

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
        Display display = window.getShell().getDisplay();
        Job job = new Job(NLS.bind(Messages.openJob, file.getFileName())) {

            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                try {
                    ModelGraph graph = read(file);
                    if (monitor.isCanceled()) {
                        graph.close();
                        return Status.CANCEL_STATUS;
                    }
                    asyncOnWindow(window, display, () -> opened(window, new OpenModel(file, graph)), graph::close);
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
        return KerasModels.open(file);
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

    private static void opened(IWorkbenchWindow window, OpenModel model) {
        OpenModel.Hold previous = CURRENT.getAndSet(model.hold().orElseThrow());
        RecentModels.add(model.file());
        window.getService(IEventBroker.class).post(ModelEvents.MODEL_OPENED, model);
        // the parts let go of the previous model when the event reaches them; the last one closes its file
        if (previous != null) {
            previous.close();
        }
    }

    /**
     * @return the model opened last, or null; for parts created after the event went by
     */
    public static OpenModel current() {
        OpenModel.Hold current = CURRENT.get();
        return current == null ? null : current.model();
    }

    /**
     * Lets go of the current model when the workbench closes: its file closes at once, or when the
     * last computation with it ends. {@link #current()} is null after.
     */
    public static void closeCurrent() {
        OpenModel.Hold current = CURRENT.getAndSet(null);
        if (current != null) {
            current.close();
        }
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
