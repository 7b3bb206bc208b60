package org.convscope.ui.tests;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;

/**
 * What reaches the workspace log ({@code .metadata/.log}) while it is open: entries as the log
 * listeners see them, and the text appended to the log file, so a test can say that no exception
 * got there.
 */
public final class WorkspaceLog implements AutoCloseable {

    private final List<IStatus> entries = Collections.synchronizedList(new ArrayList<>());
    private final ILogListener listener = (status, plugin) -> entries.add(status);
    private final Path file;
    private final long start;

    /** Starts recording. */
    public WorkspaceLog() throws IOException {
        file = Platform.getLogFileLocation().toFile().toPath();
        start = Files.exists(file) ? Files.size(file) : 0;
        Platform.addLogListener(listener);
    }

    /** @return the log file */
    public Path file() {
        return file;
    }

    /** @return the entries logged since the start that carry an exception, or are errors */
    public List<IStatus> problems() {
        synchronized (entries) {
            return entries.stream().filter(WorkspaceLog::problem).toList();
        }
    }

    private static boolean problem(IStatus s) {
        if (s.getException() != null || s.getSeverity() == IStatus.ERROR) {
            return true;
        }
        for (IStatus child : s.getChildren()) {
            if (problem(child)) {
                return true;
            }
        }
        return false;
    }

    /** @return the text appended to the log file since the start */
    public String appended() throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.min(start, f.length());
            byte[] b = new byte[Math.toIntExact(f.length() - from)];
            f.seek(from);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** @return a description of what went wrong since the start, or null when the log stays clean */
    public String stackTraces() throws IOException {
        String text = appended();
        List<IStatus> problems = problems();
        if (problems.isEmpty() && !text.contains("!STACK") && !text.contains("\tat ")) {
            return null;
        }
        StringBuilder b = new StringBuilder("the workspace log ").append(file).append(" got:");
        for (IStatus s : problems) {
            b.append("\n  ").append(s).append(s.getException() == null ? "" : " <- " + s.getException());
        }
        return b.append("\n").append(text).toString();
    }

    /** Stops recording. */
    @Override
    public void close() {
        Platform.removeLogListener(listener);
    }
}
