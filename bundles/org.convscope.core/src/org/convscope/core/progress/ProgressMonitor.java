package org.convscope.core.progress;

/**
 * Progress and cancellation for long work in the core, free of any Eclipse type. The workbench
 * adapts its {@code IProgressMonitor} to this in one class; the command line prints it.
 * <p>
 * Work made of other work hands each part a {@link #child(int) child} monitor, so that the parts,
 * each of which begins a task of its own, report one progress:
 *
 * <pre>
 * monitor.begin("Comparing", inputs.size());
 * for (InputKey k : inputs) {
 *     provider.compute(k, monitor.child(1));
 * }
 * </pre>
 */
public interface ProgressMonitor {

    /** A monitor that reports nothing and is never cancelled. */
    ProgressMonitor NULL = new ProgressMonitor() {

        @Override
        public void begin(String task, int totalWork) {
        }

        @Override
        public void worked(int work) {
        }

        @Override
        public boolean isCanceled() {
            return false;
        }
    };

    /** Starts a task of {@code totalWork} units. */
    void begin(String task, int totalWork);

    /** Reports {@code work} more units done. */
    void worked(int work);

    /** @return whether the user asked to stop */
    boolean isCanceled();

    /** Names the current step. */
    default void subTask(String name) {
    }

    /**
     * Ends this monitor's work. A child reports to its parent whatever of its share it has not yet;
     * other monitors need not be told.
     */
    default void done() {
    }

    /**
     * A monitor for a part of this one's task, like ELK's {@code subTask(work)} and Eclipse's
     * {@code SubMonitor.split}: whatever total the child {@link #begin begins}, its whole work
     * counts as {@code work} units of this one. The child's task name shows as this one's
     * {@link #subTask sub-task}; it is cancelled when this one is.
     *
     * @param work units of this monitor's task that the child's work stands for
     * @return the child; call {@link #done()} on it when its part ends early or its total was
     *         unknown
     */
    default ProgressMonitor child(int work) {
        return new ChildMonitor(this, work);
    }

    /**
     * Throws {@link CancelledException} when the user asked to stop; long loops call this between
     * steps.
     */
    default void checkCanceled() {
        if (isCanceled()) {
            throw new CancelledException();
        }
    }
}
