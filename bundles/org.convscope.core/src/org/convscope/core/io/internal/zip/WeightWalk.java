package org.convscope.core.io.internal.zip;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

import org.convscope.core.io.WeightStore;

/**
 * Reads a weight store's structure on a thread of its own, so that the caller can parse the
 * model config meanwhile, or, deferred, build and show the graph first. Whatever the walk throws
 * reaches the caller of {@link #join()} as if it had been thrown there.
 */
final class WeightWalk {

    private final FutureTask<WeightStore> task;
    private final Thread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Completes when the walk has ended, exceptionally with what it threw. */
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private WeightWalk(Callable<WeightStore> walk) {
        this.task = new FutureTask<>(walk) {

            @Override
            protected void done() {
                try {
                    get();
                    ended.complete(null);
                } catch (ExecutionException e) {
                    ended.completeExceptionally(e.getCause());
                } catch (InterruptedException | CancellationException e) {
                    // never: done() runs once the result is set
                    ended.completeExceptionally(e);
                }
            }
        };
        this.thread = new Thread(task, "convscope-weights-walk");
        thread.setDaemon(true);
    }

    /** @return the walk, started */
    static WeightWalk start(Callable<WeightStore> walk) {
        WeightWalk w = new WeightWalk(walk);
        w.start();
        return w;
    }

    /** @return the walk, to be started by the first {@link #join()} or {@link #ended()} */
    static WeightWalk deferred(Callable<WeightStore> walk) {
        return new WeightWalk(walk);
    }

    /** Starts the walk unless it was started (or discarded) before. */
    private void start() {
        if (started.compareAndSet(false, true)) {
            thread.start();
        }
    }

    /**
     * Waits for the walk. An interrupt does not cut the wait short (the walk holds the file open
     * and must end before the archive is closed); it is kept for the caller.
     *
     * @return the store the walk made
     */
    WeightStore join() throws IOException {
        start();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    // the thread too, so that a walk joined is a walk ended
                    thread.join();
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @return completes when the walk has ended, exceptionally with what it found wrong (what
     *         {@link #join()} would throw); callbacks run on the walk's thread
     */
    CompletionStage<Void> ended() {
        start();
        return ended.minimalCompletionStage();
    }

    /** @return whether the walk has not ended (or not started); starts nothing */
    boolean pending() {
        return !ended.isDone();
    }

    /** Waits for the walk and closes what it made: the caller failed for a reason of its own. */
    void discard() {
        if (started.compareAndSet(false, true)) {
            // never asked for: nothing was opened, and nothing will be
            task.cancel(false);
            return;
        }
        try {
            join().close();
        } catch (IOException | RuntimeException | Error e) {
            // the caller's failure is the one reported; the walk's adds nothing to it
        }
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IOException(cause);
    }
}
