package org.convscope.ui.gradcam;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.convscope.core.image.Preprocessing;
import org.convscope.engine.EngineUnavailableException;
import org.convscope.engine.visualize.CamMethod;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Computes one Grad-CAM map in the background. A failure the user can act on (a bad image, a layer
 * the engine cannot run) is an outcome for the view's status line, not a Job error.
 */
public final class GradCamJob extends Job {

    /** The family of every Grad-CAM job. */
    public static final Object FAMILY = GradCamJob.class;

    /**
     * How a run ended.
     *
     * @param shown the map, or null
     * @param error a message for the user, or null
     */
    public record Outcome(GradCamProvider.Shown shown, String error) {
    }

    private final GradCamProvider provider;
    private final Path input;
    private final Preprocessing preprocessing;
    private final String layer;
    private final int classIndex;
    private final CamMethod method;
    private final Consumer<Outcome> done;

    public GradCamJob(GradCamProvider provider, Path input, Preprocessing preprocessing, String layer, int classIndex,
            CamMethod method, Consumer<Outcome> done) {
        super(Messages.bind(Messages.jobName, input.getFileName()));
        this.provider = provider;
        this.input = input;
        this.preprocessing = preprocessing;
        this.layer = layer;
        this.classIndex = classIndex;
        this.method = method;
        this.done = done;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        try {
            done.accept(new Outcome(provider.compute(input, preprocessing, layer, classIndex, method), null));
        } catch (IOException | EngineUnavailableException | IllegalArgumentException | IllegalStateException e) {
            done.accept(new Outcome(null, e.getMessage()));
        } finally {
            monitor.done();
        }
        return Status.OK_STATUS;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }
}
