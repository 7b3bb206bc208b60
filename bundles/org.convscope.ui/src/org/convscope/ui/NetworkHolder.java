package org.convscope.ui;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.convscope.core.model.ModelGraph;
import org.convscope.engine.Network;

/**
 * The engine's network of one model for one provider: made on first use, freed once the provider
 * is closed and no computation is using it.
 * <p>
 * {@link #close()} never waits for a computation, since views close their provider on the UI
 * thread when another model opens, and it never frees the network under a running one (native
 * memory): the last computation to end frees it.
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
    private int users;
    private boolean closed;

    /**
     * @param model  the model
     * @param engine makes its network (the real engine, or a stand-in in tests)
     */
    public NetworkHolder(OpenModel model, Function<ModelGraph, Network> engine) {
        this.model = model;
        this.engine = engine;
    }

    /**
     * Runs {@code work} with the network, making it first if needed.
     *
     * @param <T>  the result's type
     * @param <E>  what {@code work} may throw
     * @param work what to do
     * @return what {@code work} returns
     * @throws E                     what {@code work} throws
     * @throws IllegalStateException when the holder is closed
     */
    public <T, E extends Exception> T with(Work<T, E> work) throws E {
        synchronized (lock) {
            requireOpen();
            users++;
        }
        try {
            return work.run(network());
        } finally {
            Network unused = null;
            synchronized (lock) {
                users--;
                if (closed && users == 0) {
                    unused = network;
                    network = null;
                }
            }
            if (unused != null) {
                unused.close();
            }
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

    /** Frees the network now if no computation uses it, else when the last one ends. Returns at once. */
    public void close() {
        Network unused = null;
        synchronized (lock) {
            closed = true;
            if (users == 0) {
                unused = network;
                network = null;
            }
        }
        if (unused != null) {
            unused.close();
        }
    }

    /**
     * Lets a computation stop before its preparation (reading an input) when the holder is closed.
     *
     * @throws IllegalStateException naming the model when {@link #close()} was called
     */
    public void requireOpen() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(Messages.bind(Messages.modelClosed, model.fileName()));
            }
        }
    }
}
