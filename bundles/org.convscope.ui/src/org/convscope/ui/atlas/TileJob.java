package org.convscope.ui.atlas;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.scan.ChannelSummary;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.osgi.util.NLS;

/**
 * Decodes the tiles of one layer in the background, the ones asked for last first (those on
 * screen now), each once. Cancelled from the progress view, it stops and asks for no more: the
 * tiles not yet drawn stay empty until the layer is shown again.
 */
final class TileJob extends Job {

    /** Gets each tile drawn, on the job's thread. */
    interface Sink {

        void drawn(int channel, TileRenderer.Tile tile);
    }

    private final OpenAtlas open;
    private final String layer;
    private final TileRenderer renderer;
    private final Map<Integer, ChannelSummary> channels;
    private final Sink sink;
    private final Deque<Integer> queue = new ArrayDeque<>();
    private final Set<Integer> asked = new HashSet<>();
    private volatile boolean stopped;

    TileJob(OpenAtlas open, String layer, TileRenderer renderer, Map<Integer, ChannelSummary> channels, Sink sink) {
        super(NLS.bind(Messages.decodeJob, layer, open.atlas().file().getFileName()));
        this.open = open;
        this.layer = layer;
        this.renderer = renderer;
        this.channels = Map.copyOf(channels);
        this.sink = sink;
        setUser(false);
        addJobChangeListener(new JobChangeAdapter() {

            @Override
            public void done(IJobChangeEvent event) {
                // a cancel before run() began (the job waiting, or taken by a worker) never reaches run()
                if (event.getResult().getSeverity() == IStatus.CANCEL) {
                    stopped = true;
                }
            }
        });
    }

    /** Asks for the tiles of {@code wanted}; the latest asked are drawn first. */
    void request(List<Integer> wanted) {
        if (stopped) {
            return;
        }
        synchronized (queue) {
            for (int i = wanted.size() - 1; i >= 0; i--) {
                int c = wanted.get(i);
                if (asked.add(c)) {
                    queue.addFirst(c);
                } else if (queue.remove(c)) {
                    queue.addFirst(c);
                }
            }
        }
        schedule();
    }

    /** Stops for good (the layer changed or the editor closed). */
    void stop() {
        stopped = true;
        cancel();
    }

    /** @return whether the person or the editor stopped it */
    boolean stopped() {
        return stopped;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        try {
            while (true) {
                if (monitor.isCanceled() || stopped) {
                    stopped = true;
                    return Status.CANCEL_STATUS;
                }
                Integer c;
                int left;
                synchronized (queue) {
                    c = queue.pollFirst();
                    left = queue.size();
                }
                if (c == null) {
                    return Status.OK_STATUS;
                }
                monitor.subTask(NLS.bind(Messages.decodeTask, c, left));
                ChannelSummary s = channels.get(c);
                if (s != null) {
                    sink.drawn(c, renderer.render(s, open.images(), open.pattern(layer, c)));
                }
                monitor.worked(1);
            }
        } finally {
            monitor.done();
        }
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == AtlasEditor.class;
    }
}
