package org.convscope.ui;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.model.ModelGraph;
import org.convscope.engine.Network;

/**
 * The engine's network of one model for one provider: made on first use, freed once the provider
 * is closed and no computation is using it. Until then it also holds the model's weight file open
 * (see {@link OpenModel}), since making the network and running it read weights from the file.
 * <p>
 * {@link #close()} never waits for a computation, since views close their provider on the UI
 * thread when another model opens, and it never frees the network or lets the file go under a
 * running one (native memory, open file): the last computation to end does.
 */
public final class NetworkHolder {

    /**
     * Work done with the network, which stays open until it returns.
     *
     * @param <T> the result's type
     * @param <E> what it may throw
     */
    public interface Work<T, E extends Exception> {

        /**
         * @param network the model's network
         * @return the result
         * @throws E when the work fails
         */
        T run(Network network) throws E;
    }

    private final OpenModel model;
    private final Function<ModelGraph, Network> engine;
    private final Object lock = new Object();
    /** One network is made at a time; {@link #close()} never takes this lock. */
    private final ReentrantLock making = new ReentrantLock();
    private Network network;
    private OpenModel.Hold file;
    private int users;
    private boolean closed;

    /**
     * @param model  the model; when its file was closed already, the holder starts closed
     * @param engine makes its network (the real engine, or a stand-in in tests)
     */
    public NetworkHolder(OpenModel model, Function<ModelGraph, Network> engine) {
        this.model = model;
        this.engine = engine;
        this.file = model.hold().orElse(null);
        // a view may see a model's event after the next model opened and the last hold went
        this.closed = file == null;
    }

    /**
     * Runs {@code work} with the network, making it first if needed.
     *
     * @param <T>  the result's type
     * @param <E>  what {@code work} may throw
     * @param work what to do
     * @return what {@code work} returns
     * @throws E                     what {@code work} throws
     * @throws AnalysisException naming the model when the holder is closed (another model
     *                           was opened while this one was asked)
     */
    public <T, E extends Exception> T with(Work<T, E> work) throws E {
        synchronized (lock) {
            requireOpen();
            users++;
        }
        try {
            return work.run(network());
        } finally {
            synchronized (lock) {
                users--;
            }
            freeIfUnused();
        }
    }

    private Network network() {
        making.lock();
        try {
            synchronized (lock) {
                if (network != null) {
                    return network;
                }
            }
            // made outside the lock: it can take seconds, and close() must not wait for it
            Network made = engine.apply(model.graph());
            synchronized (lock) {
                network = made;
            }
            return made;
        } finally {
            making.unlock();
        }
    }

    /**
     * Frees the network and lets the file go now if no computation uses them, else when the last
     * one ends. Returns at once.
     */
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        freeIfUnused();
    }

    /** Once closed and unused, frees the network and lets the file go; whoever comes first does. */
    private void freeIfUnused() {
        Network unusedNetwork;
        OpenModel.Hold unusedFile;
        synchronized (lock) {
            if (!closed || users > 0) {
                return;
            }
            unusedNetwork = network;
            network = null;
            unusedFile = file;
            file = null;
        }
        try {
            if (unusedNetwork != null) {
                unusedNetwork.close();
            }
        } finally {
            if (unusedFile != null) {
                unusedFile.close();
            }
        }
    }

    /**
     * Lets a computation stop before its preparation (reading an input) when the holder is closed.
     *
     * @throws AnalysisException naming the model when {@link #close()} was called
     */
    public void requireOpen() {
        synchronized (lock) {
            if (closed) {
                throw new AnalysisException(Messages.bind(Messages.modelClosed, model.fileName()));
            }
        }
    }
}
