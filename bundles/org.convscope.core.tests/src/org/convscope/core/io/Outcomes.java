package org.convscope.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.convscope.core.tensor.Tensor;

/** Reads a model completely, weights included, the way the robustness tests need it. */
final class Outcomes {

    /** What reading a file came to. */
    record Outcome(ModelFormatException error, Throwable unexpected, boolean timedOut) {

        boolean clean() {
            return error == null && unexpected == null && !timedOut;
        }
    }

    private Outcomes() {
    }

    /** Opens the file and loads every weight; any failure is handed back, not thrown. */
    static void readFully(Path file) throws IOException {
        try (RawModel m = ModelFiles.read(file)) {
            loadAll(m);
        }
    }

    /** Loads every weight of {@code m}, checking that each gives as many values as its shape says. */
    static void loadAll(RawModel m) throws IOException {
        for (List<String> path : m.weights().layerPaths()) {
            for (WeightRef w : m.weights().weights(path)) {
                Tensor t = w.load();
                if (t.size() != w.size()) {
                    throw new AssertionError(m.file() + " " + path + ": loaded " + t.size() + " of " + w.size());
                }
            }
        }
    }

    /**
     * @param executor runs the read, so that a hang is noticed and reported
     * @return the outcome of {@link #readFully(Path)} within {@code seconds}
     */
    static Outcome run(ExecutorService executor, Path file, long seconds) throws InterruptedException {
        Future<?> f = executor.submit(() -> {
            readFully(file);
            return null;
        });
        try {
            f.get(seconds, TimeUnit.SECONDS);
            return new Outcome(null, null, false);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(null, null, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof ModelFormatException mfe
                    ? new Outcome(mfe, null, false)
                    : new Outcome(null, cause, false);
        }
    }

    /** @return a single-thread executor whose thread does not keep the JVM alive */
    static ExecutorService executor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "model-read");
            t.setDaemon(true);
            return t;
        });
    }
}
