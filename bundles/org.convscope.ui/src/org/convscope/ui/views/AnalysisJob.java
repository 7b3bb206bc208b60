package org.convscope.ui.views;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.progress.CancelledException;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.ui.activations.MonitorAdapter;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;

/**
 * One analysis run in the background, the one job shape of Convscope's views and editors. The work
 * gets the core's monitor (progress and cancel); how it ended is one {@link Outcome}:
 * <ul>
 * <li>a result;</li>
 * <li>cancelled;</li>
 * <li>a {@linkplain IStatus#WARNING warning} with the message of an {@link AnalysisException} or
 * an {@link IOException}: this input cannot do this, for the part's status line;</li>
 * <li>an {@linkplain IStatus#ERROR error}: anything else is a bug, already in the error log with
 * its stack trace, for the part to show as an error.</li>
 * </ul>
 * The part hears exactly one outcome, also for a job cancelled before it started: the job manager
 * then never calls {@link #run}, whether the job was still waiting or a worker had already taken it
 * (for which {@link Job#getState()} already says {@link Job#RUNNING}).
 *
 * @param <R> the result
 */
public final class AnalysisJob<R> extends Job {

    /** The family of every analysis job, besides its part's own. */
    public static final Object FAMILY = AnalysisJob.class;

    /**
     * An analysis, run on the Job's thread.
     *
     * @param <R> its result
     */
    @FunctionalInterface
    public interface Work<R> {

        /**
         * @param monitor progress and cancel; {@link ProgressMonitor#child children} for parts
         * @throws IOException naming the file when an input cannot be read
         */
        R run(ProgressMonitor monitor) throws IOException;
    }

    /**
     * How a run ended.
     *
     * @param <R>    the result
     * @param value  the result, or null unless {@code status} is OK
     * @param status OK; {@link Status#CANCEL_STATUS}; a warning whose message is for the person;
     *               or an error (a bug) carrying its exception
     */
    public record Outcome<R>(R value, IStatus status) {

        /** @return whether the work finished with a result */
        public boolean ok() {
            return status.isOK();
        }

        /** @return what the part says when there is no result: cancelled, the refusal, or the bug */
        public String message() {
            return status.getSeverity() == IStatus.CANCEL ? Messages.cancelled : status.getMessage();
        }
    }

    private final Object family;
    private final Work<R> work;
    private final Consumer<Outcome<R>> done;
    private final AtomicBoolean told = new AtomicBoolean();

    /**
     * @param name   the job's name, which also names the work in an internal error
     * @param family the family of the part's jobs, to find and cancel them
     * @param work   the analysis
     * @param done   gets the outcome once: on the Job's thread, or, when the job is cancelled
     *               before it starts, on the thread that cancelled it or a job manager's;
     *               {@link #inUi} moves it to a part's
     */
    public AnalysisJob(String name, Object family, Work<R> work, Consumer<Outcome<R>> done) {
        super(name);
        this.family = family;
        this.work = work;
        this.done = done;
        setUser(true);
        addJobChangeListener(new JobChangeAdapter() {

            @Override
            public void done(IJobChangeEvent event) {
                // after run() told, nothing; else run() never came (a cancel before it started, the
                // result CANCEL) or threw an Error beyond its catch (the job manager logged the result)
                IStatus result = event.getResult();
                tell(new Outcome<>(null, result.getSeverity() == IStatus.CANCEL ? Status.CANCEL_STATUS : result));
            }
        });
    }

    private void tell(Outcome<R> outcome) {
        if (told.compareAndSet(false, true)) {
            done.accept(outcome);
        }
    }

    /**
     * Call on the UI thread, while {@code control} is alive.
     *
     * @return {@code receiver} run in {@code control}'s UI thread, and not at all once the control
     *         is disposed
     */
    public static <T> Consumer<T> inUi(Control control, Consumer<T> receiver) {
        // taken now: a disposed control no longer knows its display, and a job cancelled as its part
        // closes may end after that
        Display display = control.getDisplay();
        return value -> {
            if (!display.isDisposed()) {
                display.asyncExec(() -> {
                    if (!control.isDisposed()) {
                        receiver.accept(value);
                    }
                });
            }
        };
    }

    /**
     * Puts a bug's outcome, with the error icon, in the workbench's status line of a part; does
     * nothing for any other outcome (the part shows those as text of its own).
     */
    public static void showError(IActionBars bars, IStatus status) {
        if (status.getSeverity() == IStatus.ERROR) {
            bars.getStatusLineManager().setErrorMessage(errorImage(), status.getMessage());
        }
    }

    /** @return the workbench's shared error icon (not to be disposed) */
    static Image errorImage() {
        return PlatformUI.getWorkbench().getSharedImages().getImage(ISharedImages.IMG_OBJS_ERROR_TSK);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, getName(), 1);
        Outcome<R> outcome;
        try {
            ProgressMonitor part = new MonitorAdapter(progress.split(1));
            outcome = new Outcome<>(work.run(part), Status.OK_STATUS);
        } catch (CancelledException | OperationCanceledException e) {
            outcome = new Outcome<>(null, Status.CANCEL_STATUS);
        } catch (AnalysisException | IOException e) {
            outcome = new Outcome<>(null, Status.warning(e.getMessage()));
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // Deliberately broad, the one such catch of the views: everything else is a bug. It is
            // logged here, with its stack trace, and the part shows it as an error. Returned to the
            // job manager as well, it would come back as a second dialog over the part's error.
            String what = e.getMessage() == null
                    ? e.getClass().getName()
                    : e.getClass().getName() + ": " + e.getMessage();
            IStatus error = Status.error(NLS.bind(Messages.internalError, getName(), what), e);
            ILog.of(AnalysisJob.class).log(error);
            outcome = new Outcome<>(null, error);
        } finally {
            monitor.done();
        }
        tell(outcome);
        return outcome.status().getSeverity() == IStatus.CANCEL ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    @Override
    public boolean belongsTo(Object f) {
        return f == FAMILY || f == family;
    }
}
