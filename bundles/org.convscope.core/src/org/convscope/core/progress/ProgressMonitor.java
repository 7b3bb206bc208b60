package org.convscope.core.progress;

/**
 * Progress and cancellation for long work in the core, free of any Eclipse type. The workbench
 * adapts its {@code IProgressMonitor} to this in one class; the command line prints it.
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
     * Throws {@link CancelledException} when the user asked to stop; long loops call this between
     * steps.
     */
    default void checkCanceled() {
        if (isCanceled()) {
            throw new CancelledException();
        }
    }
}
