package org.convscope.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.convscope.core.model.ModelGraph;

/**
 * The models the editors show, loaded once per file: two editors on one file (Window &gt; New
 * Editor, or the file opened again by another path to it) share one {@link OpenModel}. Keyed by
 * the file's canonical path; each editor takes a {@link Lease}, and when the last lease on a model
 * is closed the model leaves the cache and lets go of its file (which closes once the views'
 * computations with it have ended too, see {@link OpenModel}).
 */
public final class LoadedModels {

    /** Reads a model file. */
    public interface Reader {

        /**
         * @param file the file, as the person named it
         * @return its graph
         * @throws IOException naming the file when it is not a readable model
         */
        ModelGraph read(Path file) throws IOException;
    }

    private static final LoadedModels SHARED = new LoadedModels(ModelOpener::read);

    private final Reader reader;
    private final Object lock = new Object();
    /** Guarded by the lock. */
    private final Map<Path, Entry> entries = new HashMap<>();

    /** @param reader reads a model file (the real readers, or a stand-in in tests) */
    public LoadedModels(Reader reader) {
        this.reader = reader;
    }

    /** @return the workbench's cache */
    public static LoadedModels shared() {
        return SHARED;
    }

    /**
     * @param file a file
     * @return the key of a file: its real path when it exists (links and {@code ..} resolved), else
     *         its absolute normalised path
     */
    public static Path key(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            // a missing file: the reader says so in its own words
            return file.toAbsolutePath().normalize();
        }
    }

    /**
     * Takes a lease on the model in {@code file}, reading it unless it is loaded already (or being
     * loaded by another thread, whose result this waits for). Call it in a background thread.
     *
     * @param file the model file
     * @return a lease on the loaded model
     * @throws IOException naming the file when it cannot be read
     */
    public Lease acquire(Path file) throws IOException {
        Path key = key(file);
        Entry entry;
        boolean loader;
        synchronized (lock) {
            entry = entries.get(key);
            loader = entry == null;
            if (loader) {
                entry = new Entry(key);
                entries.put(key, entry);
            }
            entry.leases++;
        }
        if (loader) {
            load(entry, file);
        }
        try {
            return new Lease(entry, entry.model.join());
        } catch (CompletionException e) {
            synchronized (lock) {
                entry.leases--;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void load(Entry entry, Path file) {
        try {
            OpenModel model = new OpenModel(file, reader.read(file));
            synchronized (lock) {
                entry.hold = model.hold().orElseThrow();
            }
            entry.model.complete(model);
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                entries.remove(entry.key, entry);
            }
            entry.model.completeExceptionally(e);
        }
    }

    /**
     * Takes a lease on the model in {@code file} if it is loaded; reads nothing.
     *
     * @param file the model file
     * @return the lease, or empty when no one holds that file's model
     */
    public Optional<Lease> acquireLoaded(Path file) {
        Path key = key(file);
        synchronized (lock) {
            Entry entry = entries.get(key);
            if (entry == null || !entry.model.isDone() || entry.model.isCompletedExceptionally()) {
                return Optional.empty();
            }
            entry.leases++;
            return Optional.of(new Lease(entry, entry.model.join()));
        }
    }

    /** @return how many models are loaded (tests) */
    public int size() {
        synchronized (lock) {
            return (int) entries.values().stream().filter(e -> e.hold != null).count();
        }
    }

    private void release(Entry entry) {
        OpenModel.Hold last = null;
        synchronized (lock) {
            entry.leases--;
            if (entry.leases == 0 && entries.remove(entry.key, entry)) {
                last = entry.hold;
                entry.hold = null;
            }
        }
        if (last != null) {
            last.close();
        }
    }

    /** One model file's place in the cache. */
    private static final class Entry {

        private final Path key;
        private final CompletableFuture<OpenModel> model = new CompletableFuture<>();
        /** The cache's claim on the file while leased; guarded by the cache's lock. */
        private OpenModel.Hold hold;
        /** Guarded by the cache's lock. */
        private int leases;

        private Entry(Path key) {
            this.key = key;
        }
    }

    /** One editor's claim on a loaded model; closing it a second time changes nothing. */
    public final class Lease implements AutoCloseable {

        private final Entry entry;
        private final OpenModel model;
        /** Guarded by the cache's lock. */
        private boolean released;

        private Lease(Entry entry, OpenModel model) {
            this.entry = entry;
            this.model = model;
        }

        /** @return the loaded model */
        public OpenModel model() {
            return model;
        }

        /** Lets go; the last lease on a model takes it out of the cache. */
        @Override
        public void close() {
            synchronized (lock) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(entry);
        }
    }
}
