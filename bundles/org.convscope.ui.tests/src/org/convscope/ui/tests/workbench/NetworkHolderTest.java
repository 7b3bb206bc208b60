package org.convscope.ui.tests.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.ui.NetworkHolder;
import org.convscope.ui.OpenModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A view closes its provider on the UI thread when another model opens, perhaps while a job
 * computes with the provider's network: the close must return at once and the network (native
 * memory) must be freed only when that computation has ended.
 */
class NetworkHolderTest {

    /** Long enough for any machine, short enough that a close that waits fails the test. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private ModelGraph graph;
    private OpenModel model;
    private final FakeNetworks engine = new FakeNetworks("none");
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    @BeforeEach
    void open() throws IOException {
        graph = KerasModels.open(Samples.model());
        model = new OpenModel(Samples.model(), graph);
    }

    @AfterEach
    void release() {
        gate.countDown();
        graph.close();
    }

    @Test
    void aCloseDuringAComputationReturnsAtOnceAndTheComputationFreesTheNetwork() throws Exception {
        NetworkHolder holder = new NetworkHolder(model, g -> engine.create());
        try (HeldComputation computation = new HeldComputation(holder)) {
            assertTimeoutPreemptively(PROMPTLY, holder::close, "close waited for the computation");
            assertEquals(0, engine.closes.get(), "the network stays while it is used");
            assertEquals("fake", computation.end(), "the computation finished with its network");
        }
        assertEquals(1, engine.closes.get(), "freed once, by the computation's end");
        assertThrows(AnalysisException.class, () -> holder.with(n -> n.name()));
    }

    @Test
    void aCloseWhileTheNetworkIsMadeReturnsAtOnce() throws Exception {
        AtomicInteger made = new AtomicInteger();
        NetworkHolder holder = new NetworkHolder(model, g -> {
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            made.incrementAndGet();
            return engine.create();
        });
        Thread job = new Thread(() -> run(() -> holder.with(n -> n.name())));
        job.start();
        assertTrue(entered.await(30, TimeUnit.SECONDS), "the engine is making the network");

        assertTimeoutPreemptively(PROMPTLY, holder::close, "close waited for the engine");

        gate.countDown();
        job.join(30_000);
        assertEquals(1, made.get());
        assertEquals(1, engine.closes.get(), "the network made after the close is freed too");
    }

    @Test
    void withNoComputationTheNetworkIsFreedAtTheCloseAndNoneIsMadeAfter() throws Exception {
        NetworkHolder holder = new NetworkHolder(model, g -> engine.create());
        holder.with(n -> n.name());
        holder.with(n -> n.name());
        assertEquals(0, engine.closes.get(), "one network, kept between computations");
        holder.close();
        assertEquals(1, engine.closes.get());
        holder.close();
        assertEquals(1, engine.closes.get(), "closing twice frees once");
        assertThrows(AnalysisException.class, () -> holder.with(n -> n.name()));
    }

    private interface Body {

        Object call() throws Exception;
    }

    private static Object run(Body body) {
        try {
            return body.call();
        } catch (Exception e) {
            return e;
        }
    }
}
