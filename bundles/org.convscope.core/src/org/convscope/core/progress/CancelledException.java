package org.convscope.core.progress;

/** Thrown out of long core work when its {@link ProgressMonitor} was cancelled. */
public final class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super(Messages.cancelled);
    }
}
