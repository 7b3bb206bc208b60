package org.convscope.ui.activations;

import java.io.IOException;
import java.util.function.Consumer;

import org.convscope.core.progress.CancelledException;
import org.convscope.engine.EngineUnavailableException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Computes every layer's activation for one input in the background. The outcome goes to a
 * callback on the Job's thread; the caller moves it to the UI thread. A failure the user can act on
 * (a bad image, an engine that cannot run here) is an outcome, not a Job error, so no second dialog
 * appears.
 */
public final class ComputeJob extends Job {

    /** The family of every compute job, for tests and for cancelling all runs of a view. */
    public static final Object FAMILY = ComputeJob.class;

    /**
     * How a run ended.
     *
     * @param run   the results, or null
     * @param error a message for the user, or null
     */
    public record Outcome(ActivationRun run, String error) {
    }

    private final ActivationProvider provider;
    private final InputKey input;
    private final Consumer<Outcome> done;

    public ComputeJob(ActivationProvider provider, InputKey input, Consumer<Outcome> done) {
        super(Messages.bind(Messages.computeTask, input.fileName()));
        this.provider = provider;
        this.input = input;
        this.done = done;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            done.accept(new Outcome(provider.compute(input, new MonitorAdapter(monitor)), null));
            return Status.OK_STATUS;
        } catch (CancelledException e) {
            done.accept(new Outcome(null, Messages.cancelled));
            return Status.CANCEL_STATUS;
        } catch (IOException | EngineUnavailableException | IllegalStateException | IllegalArgumentException e) {
            done.accept(new Outcome(null, e.getMessage()));
            return Status.OK_STATUS;
        } catch (RuntimeException e) {
            // a defect below the view: escaping, it would leave the view's status as it was and
            // bring up the platform's stack-trace dialog; the person learns which input failed,
            // the log keeps the trace
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String message = Messages.bind(Messages.computeFailed, input.fileName(), what);
            ILog.of(ComputeJob.class).error(message, e);
            done.accept(new Outcome(null, message));
            return Status.OK_STATUS;
        } finally {
            monitor.done();
        }
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }
}
