package org.convscope.ui.properties;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.convscope.core.io.WeightRef;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;

/**
 * Weight statistics computed once per weight. Small weights are summarised at once when asked;
 * large ones in a job, after which the listeners (the property pages) refresh.
 */
public final class WeightStatsCache {

    /** Weights up to this many values are summarised in the caller's thread (a few ms). */
    static final long SMALL = 1 << 18;

    /** The outcome for one weight: statistics, or why there are none. */
    public record Entry(WeightStats stats, String error) {
    }

    private static final Map<WeightRef, Entry> DONE = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<WeightRef, Job> PENDING = Collections.synchronizedMap(new WeakHashMap<>());
    private static final CopyOnWriteArrayList<Runnable> LISTENERS = new CopyOnWriteArrayList<>();

    private WeightStatsCache() {
    }

    /**
     * @param weight a weight
     * @return its statistics, or null while a job computes them
     */
    public static Entry get(WeightRef weight) {
        Entry e = DONE.get(weight);
        if (e != null) {
            return e;
        }
        if (weight.size() <= SMALL) {
            e = compute(weight);
            DONE.put(weight, e);
            return e;
        }
        PENDING.computeIfAbsent(weight, w -> {
            Job job = new Job(NLS.bind(Messages.statsJob, w.name())) {

                @Override
                protected IStatus run(IProgressMonitor monitor) {
                    DONE.put(w, compute(w));
                    PENDING.remove(w);
                    LISTENERS.forEach(Runnable::run);
                    return Status.OK_STATUS;
                }
            };
            job.setSystem(true);
            job.schedule();
            return job;
        });
        return null;
    }

    private static Entry compute(WeightRef weight) {
        try {
            return new Entry(WeightStats.of(weight.load()), null);
        } catch (IOException | RuntimeException e) {
            return new Entry(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** @param listener told, in a job thread, when statistics computed in the background are ready */
    public static void addListener(Runnable listener) {
        LISTENERS.add(listener);
    }

    /** @param listener the listener to remove */
    public static void removeListener(Runnable listener) {
        LISTENERS.remove(listener);
    }
}
