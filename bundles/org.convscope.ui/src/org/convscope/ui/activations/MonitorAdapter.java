package org.convscope.ui.activations;

import org.convscope.core.progress.ProgressMonitor;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/** The one place where Eclipse's progress monitor meets the core's: the core stays Eclipse-free. */
public final class MonitorAdapter implements ProgressMonitor {

    private final IProgressMonitor monitor;
    private SubMonitor sub;

    public MonitorAdapter(IProgressMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void begin(String task, int totalWork) {
        sub = SubMonitor.convert(monitor, task, totalWork);
    }

    @Override
    public void worked(int work) {
        if (sub != null) {
            sub.worked(work);
        }
    }

    @Override
    public void subTask(String name) {
        monitor.subTask(name);
    }

    @Override
    public boolean isCanceled() {
        return monitor.isCanceled();
    }
}
