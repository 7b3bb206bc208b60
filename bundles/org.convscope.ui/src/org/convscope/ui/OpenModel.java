package org.convscope.ui;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.convscope.core.model.ModelGraph;

/**
 * A model the workbench has open: what a model editor shows, and the data of
 * {@link ModelEvents#MODEL_ACTIVATED}. Its file and graph never change, so every part may keep it.
 * <p>
 * The graph keeps the weight file open for as long as anyone holds it: {@link LoadedModels} while
 * an editor shows it, and each provider's {@link NetworkHolder} until the last computation with
 * its network has ended. The last to let go closes the file, once; a model nobody has held
 * yet stays open.
 */
public final class OpenModel {

    private final Path file;
    private final ModelGraph graph;
    private final Object lock = new Object();
    private int holds;
    private boolean closed;

    /**
     * @param file  the file it was read from
     * @param graph its graph model (weights load lazily)
     */
    public OpenModel(Path file, ModelGraph graph) {
        this.file = Objects.requireNonNull(file, "file");
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** @return the file it was read from */
    public Path file() {
        return file;
    }

    /** @return its graph model (weights load lazily while the file is held) */
    public ModelGraph graph() {
        return graph;
    }

    /** @return the file's name, as the window title and dialogs show it */
    public String fileName() {
        return file.getFileName().toString();
    }

    /**
     * Keeps the weight file open until the returned hold is closed.
     *
     * @return the hold, or empty when the last hold was closed already and so was the file
     */
    Optional<Hold> hold() {
        synchronized (lock) {
            if (closed) {
                return Optional.empty();
            }
            holds++;
        }
        return Optional.of(new Hold());
    }

    /** One holder's claim on the weight file; closing it a second time changes nothing. */
    final class Hold implements AutoCloseable {

        /** Guarded by the model's lock. */
        private boolean released;

        private Hold() {
        }

        /** @return the model held */
        OpenModel model() {
            return OpenModel.this;
        }

        /** Lets go; the last hold to go closes the file. */
        @Override
        public void close() {
            synchronized (lock) {
                if (released) {
                    return;
                }
                released = true;
                holds--;
                if (holds > 0) {
                    return;
                }
                closed = true;
            }
            graph.close();
        }
    }

    @Override
    public String toString() {
        return "OpenModel[file=" + file + ", graph=" + graph + "]";
    }
}
