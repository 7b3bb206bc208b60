package org.convscope.ui.tests;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Records and closes every window that opens over the workbench window while it runs: the modal
 * dialogs the product shows (which would stop a test) and any it should not show. A timer on the
 * UI thread looks for them, so it also runs inside the event loop of a modal dialog.
 */
public final class DialogCatcher implements AutoCloseable {

    /** How long a dialog stays open before it is closed, so that it paints for a screenshot. */
    private static final int SHOWN_MS = 300;
    private static final int POLL_MS = 50;

    /**
     * A window seen.
     *
     * @param title its title
     * @param texts the texts of its labels and text fields, in widget order
     */
    public record Seen(String title, List<String> texts) {

        /** @return every text, one per line */
        public String text() {
            return String.join("\n", texts);
        }
    }

    private final Display display;
    private final Shell main;
    private final List<Seen> seen = new ArrayList<>();
    private final Set<Shell> handled = new HashSet<>();
    private final Runnable poll = this::poll;
    private String screenshotName;
    private boolean closed;

    /** Starts watching the windows of {@code main}'s display; call on the UI thread. */
    public DialogCatcher(Shell main) {
        this.main = main;
        this.display = main.getDisplay();
        display.timerExec(POLL_MS, poll);
    }

    /** @return the windows seen so far, oldest first */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** @return whether every window seen is closed again */
    public boolean allClosed() {
        return handled.stream().allMatch(Shell::isDisposed);
    }

    /** Forgets the windows seen so far. */
    public void clear() {
        seen.clear();
    }

    /** Saves a screenshot of the next window seen as {@code name}.png, before it is closed. */
    public void screenshotNext(String name) {
        screenshotName = name;
    }

    private void poll() {
        if (closed || display.isDisposed()) {
            return;
        }
        for (Shell s : display.getShells()) {
            if (s != main && !s.isDisposed() && s.isVisible() && handled.add(s)) {
                List<String> texts = new ArrayList<>();
                collect(s, texts);
                seen.add(new Seen(s.getText(), texts));
                String name = screenshotName;
                screenshotName = null;
                display.timerExec(SHOWN_MS, () -> dismiss(s, name));
            }
        }
        display.timerExec(POLL_MS, poll);
    }

    private static void dismiss(Shell s, String screenshot) {
        if (s.isDisposed()) {
            return;
        }
        if (screenshot != null) {
            try {
                Screenshots.save(s, screenshot);
            } catch (Exception e) {
                throw new IllegalStateException("screenshot " + screenshot, e);
            }
        }
        s.close();
    }

    private static void collect(Control c, List<String> out) {
        String t = c instanceof Label l ? l.getText() : c instanceof Text x ? x.getText() : "";
        if (!t.isEmpty()) {
            out.add(t);
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                collect(child, out);
            }
        }
    }

    /** Stops watching; windows still open stay open. */
    @Override
    public void close() {
        closed = true;
        display.timerExec(-1, poll);
    }
}
