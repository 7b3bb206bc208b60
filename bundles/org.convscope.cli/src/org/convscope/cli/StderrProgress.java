package org.convscope.cli;

import java.io.PrintStream;

import org.convscope.core.progress.ProgressMonitor;

/**
 * Progress of a long command on standard error, one line per tenth of the work ({@code   40%}), so
 * that a run of minutes shows it is alive while standard output stays the command's own.
 */
final class StderrProgress implements ProgressMonitor {

    private final PrintStream err;
    private int total;
    private int done;
    private int lastTenth;

    StderrProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void begin(String task, int totalWork) {
        total = totalWork;
        done = 0;
        lastTenth = 0;
    }

    @Override
    public void worked(int work) {
        done += work;
        int tenth = total == 0 ? 10 : Math.min(10, done * 10 / total);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            err.printf("  %d%%%n", tenth * 10);
        }
    }

    @Override
    public boolean isCanceled() {
        return false;
    }
}
