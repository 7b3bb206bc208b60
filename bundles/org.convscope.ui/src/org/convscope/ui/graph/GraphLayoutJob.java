package org.convscope.ui.graph;

import java.util.function.Consumer;

import org.convscope.core.progress.CancelledException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;

/** Lays a graph out in the background; a newer layout cancels an older one. */
public final class GraphLayoutJob extends Job {

    /** The family of layout jobs, so tests can wait for them. */
    public static final Object FAMILY = GraphLayoutJob.class;

    private final GraphModel model;
    private final NodeGeometry geometry;
    private final boolean leftRight;
    private final Consumer<LaidOutGraph> done;

    /**
     * @param name      what is laid out, for the progress view
     * @param model     the graph
     * @param geometry  how to size boxes
     * @param leftRight the flow direction
     * @param done      gets the result, in the job's thread
     */
    public GraphLayoutJob(String name, GraphModel model, NodeGeometry geometry, boolean leftRight,
            Consumer<LaidOutGraph> done) {
        super(NLS.bind(Messages.layoutJob, name));
        this.model = model;
        this.geometry = geometry;
        this.leftRight = leftRight;
        this.done = done;
        setSystem(model.nodes().size() < 1000);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        try {
            LaidOutGraph result = GraphLayout.layout(model, geometry, leftRight, monitor::isCanceled);
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

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }
}
