package org.convscope.core.progress;

/**
 * A part of a parent monitor's task ({@link ProgressMonitor#child}). Reports whole parent units
 * only, rounding down, so that the parent never gets more than the share it handed out.
 */
final class ChildMonitor implements ProgressMonitor {

    private final ProgressMonitor parent;
    private final int share;
    private int total;
    private long worked;
    private int reported;

    ChildMonitor(ProgressMonitor parent, int share) {
        this.parent = parent;
        this.share = Math.max(0, share);
    }

    @Override
    public void begin(String task, int totalWork) {
        total = totalWork;
        worked = 0;
        if (task != null && !task.isEmpty()) {
            parent.subTask(task);
        }
    }

    @Override
    public void worked(int work) {
        if (total <= 0 || work <= 0) {
            return;
        }
        worked = Math.min(total, worked + work);
        report((int) (worked * share / total));
    }

    @Override
    public void done() {
        report(share);
    }

    private void report(int upTo) {
        if (upTo > reported) {
            parent.worked(upTo - reported);
            reported = upTo;
        }
    }

    @Override
    public boolean isCanceled() {
        return parent.isCanceled();
    }

    @Override
    public void subTask(String name) {
        parent.subTask(name);
    }
}
