package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.convscope.ui.NetworkHolder;

/**
 * A computation with a holder's network, on a thread of its own, that stays under way until the
 * test lets it end: what a provider's job is while the user opens another model.
 */
final class HeldComputation implements AutoCloseable {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicReference<Object> result = new AtomicReference<>();
    private final Thread thread;

    /** Starts computing with {@code holder} and returns once the computation has its network. */
    HeldComputation(NetworkHolder holder) throws InterruptedException {
        thread = new Thread(() -> {
            try {
                result.set(holder.with(n -> {
                    entered.countDown();
                    gate.await();
                    return n.name();
                }));
            } catch (InterruptedException | RuntimeException e) {
                result.set(e);
            }
        });
        thread.start();
        assertTrue(entered.await(30, TimeUnit.SECONDS), "the computation started");
    }

    /** @return what the computation returned (the network's name) or threw, once it has ended */
    Object end() throws InterruptedException {
        gate.countDown();
        thread.join(30_000);
        return result.get();
    }

    /** Lets the computation end if the test did not (it failed first). */
    @Override
    public void close() {
        gate.countDown();
    }
}
