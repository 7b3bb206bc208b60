package org.convscope.ui.filters;

import java.util.function.Consumer;

import org.convscope.core.progress.CancelledException;
import org.convscope.engine.EngineUnavailableException;
import org.convscope.engine.visualize.FilterPattern;
import org.convscope.engine.visualize.FilterPatternOptions;
import org.convscope.ui.activations.MonitorAdapter;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Computes filter patterns in the background, with progress per gradient step and cancel between
 * steps. Patterns and the final message go to callbacks on the Job's thread; the view moves them to
 * the UI thread.
 */
public final class FiltersJob extends Job {

    /** The family of every filters job, for tests and for cancelling a view's runs. */
    public static final Object FAMILY = FiltersJob.class;

    private final FiltersProvider provider;
    private final String layer;
    private final int[] filters;
    private final FilterPatternOptions options;
    private final Consumer<FilterPattern> each;
    private final Consumer<String> done;

    /**
     * @param done receives the closing status line (counts, dead filters, or why it stopped)
     */
    public FiltersJob(FiltersProvider provider, String layer, int[] filters, FilterPatternOptions options,
            Consumer<FilterPattern> each, Consumer<String> done) {
        super(Messages.bind(Messages.jobName, layer));
        this.provider = provider;
        this.layer = layer;
        this.filters = filters.clone();
        this.options = options;
        this.each = each;
        this.done = done;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        long start = System.nanoTime();
        try {
            long dead = provider.compute(layer, filters, options, new MonitorAdapter(monitor), each).stream()
                    .filter(FilterPattern::dead).count();
            done.accept(Messages.bind(Messages.finished, new Object[] { filters.length, layer,
                    String.format("%.1f", (System.nanoTime() - start) / 1e9), dead }));
            return Status.OK_STATUS;
        } catch (CancelledException e) {
            done.accept(Messages.cancelled);
            return Status.CANCEL_STATUS;
        } catch (EngineUnavailableException | IllegalArgumentException | IllegalStateException e) {
            done.accept(e.getMessage());
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
