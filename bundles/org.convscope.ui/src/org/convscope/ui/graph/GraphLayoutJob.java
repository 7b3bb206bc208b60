package org.convscope.ui.graph;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.convscope.core.progress.CancelledException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;

/** Lays a graph out in the background; a newer layout cancels an older one. */
public final class GraphLayoutJob extends Job {

    /** The family of layout jobs, so tests can wait for them. */
    public static final Object FAMILY = GraphLayoutJob.class;

    /** A layout that takes longer than this is announced on the canvas. */
    public static final int PENDING_DELAY_MS = 300;

    private final Supplier<GraphModel> model;
    private final int size;
    private final LayoutCache cache;
    private final Consumer<LaidOutGraph> done;

    /**
     * @param name      what is laid out, for the progress view
     * @param model     makes the graph, in the job's thread (for thousands of layers that takes
     *                  a while too)
     * @param size      about how many boxes it will have; a large layout is shown to the user
     * @param geometry  how to size boxes
     * @param leftRight the flow direction
     * @param done      gets the result, in the job's thread
     */
    public GraphLayoutJob(String name, Supplier<GraphModel> model, int size, NodeGeometry geometry,
            boolean leftRight, Consumer<LaidOutGraph> done) {
        this(name, model, size, new LayoutCache(geometry, leftRight), done);
    }

    /**
     * @param name  what is laid out, for the progress view
     * @param model makes the graph, in the job's thread
     * @param size  about how many boxes it will have; a large layout is shown to the user
     * @param cache the group interiors laid out before for this model, which the job reuses and
     *              adds to
     * @param done  gets the result, in the job's thread
     */
    public GraphLayoutJob(String name, Supplier<GraphModel> model, int size, LayoutCache cache,
            Consumer<LaidOutGraph> done) {
        super(NLS.bind(Messages.layoutJob, name));
        this.model = model;
        this.size = size;
        this.cache = cache;
        this.done = done;
        setSystem(size < 1000);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        try {
            GraphModel graph = model.get();
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            LaidOutGraph result = GraphLayout.layout(graph, cache, monitor::isCanceled);
            done.accept(result);
            return Status.OK_STATUS;
        } catch (CancelledException e) {
            return Status.CANCEL_STATUS;
        } catch (RuntimeException | StackOverflowError e) {
            // The view keeps the graph it had; the error log and progress view say why.
            return Status.error(NLS.bind(Messages.layoutFailed, getName()), e);
        } finally {
            monitor.done();
        }
    }

    /**
     * Keeps a canvas honest about a layout of a newly shown model, or a new direction, that takes
     * a while: after {@link #PENDING_DELAY_MS} the graph shown before (another model's, perhaps)
     * gives way to a line saying what is being laid out, and a cancel leaves a line saying so
     * instead of the old graph. Call in the UI thread right after scheduling.
     *
     * @param canvas   the canvas the result will go to
     * @param fileName the model's file name, for the lines
     * @param newest   whether this job is still the newest layout for the canvas
     */
    public void reportOn(GraphCanvas canvas, String fileName, BooleanSupplier newest) {
        Display display = canvas.control().getDisplay();
        addJobChangeListener(new JobChangeAdapter() {

            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult().getSeverity() == IStatus.CANCEL && !display.isDisposed()) {
                    display.asyncExec(() -> {
                        if (!canvas.control().isDisposed() && newest.getAsBoolean()) {
                            canvas.showLayoutCancelled(fileName);
                        }
                    });
                }
            }
        });
        display.timerExec(PENDING_DELAY_MS, () -> {
            if (!canvas.control().isDisposed() && newest.getAsBoolean() && getState() != NONE) {
                canvas.showLayingOut(fileName, size);
            }
        });
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }
}
