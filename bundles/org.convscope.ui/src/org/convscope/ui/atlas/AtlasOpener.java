package org.convscope.ui.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.osgi.service.prefs.BackingStoreException;

/**
 * Opens scan stores in atlas editors: reads the store (read-only) in a background job, then opens
 * its editor or brings the open one to the front on the layer asked. A file that is no readable
 * store goes to the {@link Reporter} with a message naming it. Also finds the stores scanned from
 * a model, for the graph's "Show Channel Atlas…", and remembers the stores opened.
 */
public final class AtlasOpener {

    /** The family of the opening jobs, so callers (tests) can wait for them. */
    public static final Object FAMILY = AtlasOpener.class;

    /** Where a failure to open a store goes: a dialog, or a test's recorder. */
    @FunctionalInterface
    public interface Reporter {

        /** Called in the UI thread with a message naming the file and the problem. */
        void report(Shell shell, Path file, String message);
    }

    private static final Reporter DIALOG = (shell, file, message) -> MessageDialog.openError(shell,
            Messages.openFailedTitle, message);
    private static final AtomicReference<Reporter> REPORTER = new AtomicReference<>(DIALOG);
    /** Asks the person for a store when none of the model's is known; tests answer instead. */
    private static final AtomicReference<Function<Shell, Path>> CHOOSER = new AtomicReference<>(
            AtlasOpener::askForStore);
    private static final byte[] SQLITE = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final String NODE = "org.convscope.ui";
    private static final String RECENT = "recentScanStores";
    private static final int RECENT_LIMIT = 16;

    private AtlasOpener() {
    }

    /** @return whether {@code file} starts as an SQLite database does (a scan store is one) */
    public static boolean isStore(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE.length), SQLITE);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens {@code store} in the background; returns at once. Call from the UI thread.
     *
     * @param hints model files to try first for the store's model (the open model)
     * @param layer the layer to show, or null for the store's first
     * @return the job reading it
     */
    public static Job open(IWorkbenchWindow window, Path store, List<Path> hints, String layer) {
        Shell shell = window.getShell();
        Job job = new Job(NLS.bind(Messages.openJob, store.getFileName())) {

            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                try {
                    OpenAtlas open = OpenAtlas.open(store, hints);
                    inUi(shell, () -> opened(window, open, layer));
                } catch (IOException | RuntimeException e) {
                    if (!(e instanceof IOException)) {
                        ILog.of(AtlasOpener.class).error(e.getMessage(), e);
                    }
                    String message = e instanceof IOException && e.getMessage() != null
                            ? e.getMessage()
                            : NLS.bind(Messages.damagedStore, store, e);
                    inUi(shell, () -> REPORTER.get().report(shell, store, message));
                } finally {
                    monitor.done();
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(false);
        job.schedule();
        return job;
    }

    private static void inUi(Shell shell, Runnable r) {
        if (!shell.isDisposed()) {
            shell.getDisplay().asyncExec(() -> {
                if (!shell.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private static void opened(IWorkbenchWindow window, OpenAtlas open, String layer) {
        remember(open.atlas().file());
        IWorkbenchPage page = window.getActivePage();
        if (page == null) {
            return;
        }
        AtlasEditorInput input = new AtlasEditorInput(open, layer);
        try {
            IEditorPart editor = page.openEditor(input, AtlasEditor.ID, true, IWorkbenchPage.MATCH_INPUT);
            if (editor instanceof AtlasEditor atlas && layer != null && open.atlas().layers().contains(layer)) {
                atlas.showLayer(layer);
            }
        } catch (PartInitException e) {
            REPORTER.get().report(window.getShell(), open.atlas().file(), e.getMessage());
        }
    }

    /**
     * The graph's "Show Channel Atlas…": finds the stores scanned from {@code model} (same SHA-256)
     * among the stores opened before and the files beside the model, and opens the newest, on
     * {@code layer}; with none, asks for a store file.
     *
     * @return the job looking
     */
    public static Job showForModel(IWorkbenchWindow window, Path model, String layer) {
        Shell shell = window.getShell();
        Job job = new Job(NLS.bind(Messages.findJob, model.getFileName())) {

            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                try {
                    Path found = newestStore(model, layer);
                    inUi(shell, () -> {
                        Path store = found != null ? found : CHOOSER.get().apply(shell);
                        if (store != null) {
                            open(window, store, List.of(model), layer);
                        }
                    });
                } finally {
                    monitor.done();
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(false);
        job.schedule();
        return job;
    }

    /**
     * @return the newest store scanned from {@code model}, preferring those that scanned
     *         {@code layer}; null when none is known
     */
    static Path newestStore(Path model, String layer) {
        String sha = OpenAtlas.sha256(model);
        List<Path> candidates = new ArrayList<>(recent());
        Path folder = model.toAbsolutePath().getParent();
        if (folder != null) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(AtlasOpener::isStore).forEach(candidates::add);
            } catch (IOException e) {
                // an unreadable folder offers no stores; the remembered ones remain
            }
        }
        Path best = null;
        boolean bestHasLayer = false;
        long bestTime = Long.MIN_VALUE;
        for (Path p : candidates.stream().map(c -> c.toAbsolutePath().normalize()).distinct().toList()) {
            if (!isStore(p)) {
                continue;
            }
            try {
                Atlas a = Atlas.read(p);
                if (!sha.equalsIgnoreCase(a.modelSha256())) {
                    continue;
                }
                boolean hasLayer = a.layers().contains(layer);
                long time = Files.getLastModifiedTime(p).toMillis();
                if (best == null || hasLayer && !bestHasLayer || hasLayer == bestHasLayer && time > bestTime) {
                    best = p;
                    bestHasLayer = hasLayer;
                    bestTime = time;
                }
            } catch (IOException e) {
                // not a scan store, or damaged: not one of this model's
            }
        }
        return best;
    }

    /** @return a store file the person chose, or null */
    static Path askForStore(Shell shell) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText(Messages.chooseStoreTitle);
        dialog.setFilterExtensions(new String[] { "*.db;*.sqlite;*.sqlite3", "*" });
        dialog.setFilterNames(new String[] { Messages.filterStores, Messages.filterAll });
        List<Path> recent = recent();
        if (!recent.isEmpty() && recent.get(0).getParent() != null) {
            dialog.setFilterPath(recent.get(0).getParent().toString());
        }
        String chosen = dialog.open();
        return chosen == null ? null : Path.of(chosen);
    }

    /** @return the stores opened lately, newest first */
    public static List<Path> recent() {
        List<Path> out = new ArrayList<>();
        for (String line : prefs().get(RECENT, "").split("\n")) {
            if (!line.isBlank()) {
                out.add(Path.of(line.strip()));
            }
        }
        return out;
    }

    private static void remember(Path store) {
        List<Path> files = new ArrayList<>(recent());
        Path abs = store.toAbsolutePath().normalize();
        files.remove(abs);
        files.add(0, abs);
        while (files.size() > RECENT_LIMIT) {
            files.remove(files.size() - 1);
        }
        StringBuilder sb = new StringBuilder();
        files.forEach(f -> sb.append(f).append('\n'));
        IEclipsePreferences prefs = prefs();
        prefs.put(RECENT, sb.toString());
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            ILog.of(AtlasOpener.class).warn("cannot save the recent scan stores", e);
        }
    }

    private static IEclipsePreferences prefs() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    /**
     * Replaces where open errors go (tests record them instead of showing a dialog).
     *
     * @return the one it replaces
     */
    public static Reporter setReporter(Reporter reporter) {
        return REPORTER.getAndSet(Objects.requireNonNull(reporter, "reporter"));
    }

    /**
     * Replaces how a store is asked for when the model has none known (tests answer instead of a
     * file dialog).
     *
     * @return the one it replaces
     */
    public static Function<Shell, Path> setChooser(Function<Shell, Path> chooser) {
        return CHOOSER.getAndSet(Objects.requireNonNull(chooser, "chooser"));
    }
}
