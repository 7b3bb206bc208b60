package org.convscope.ui.tests;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.convscope.app.ConvscopeWorkbench;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs a test class inside the real Convscope workbench: the first use starts it (the product's
 * own advisor, perspective and start-up files) on a UI thread of its own, every test method and
 * before/after method then runs on that UI thread, and the workbench closes when all tests are
 * done. Use with {@code @ExtendWith(InWorkbench.class)}.
 *
 * <p>Why not Tycho's UI harness: it always requires {@code org.eclipse.ui.ide.application}, which
 * drags in the IDE (resources, p2, navigator) that this RCP product does not ship.
 */
public final class InWorkbench implements BeforeAllCallback, InvocationInterceptor {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Object LOCK = new Object();
    private static Display display;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LOCK) {
            if (display == null) {
                display = start();
                context.getRoot().getStore(Namespace.GLOBAL).put(InWorkbench.class, new Closer());
            }
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        onUiThread(invocation);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        onUiThread(invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        onUiThread(invocation);
    }

    /**
     * Spins the UI thread's event loop until {@code condition} holds, so that Jobs finish and
     * their asyncExec updates land; call it from a test method (which runs on the UI thread).
     *
     * @throws AssertionError when it does not hold within {@code timeout}
     */
    public static void waitUntil(BooleanSupplier condition, Duration timeout, String what) {
        Display d = Display.getCurrent();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            if (d == null || !d.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }

    /** Processes the events already queued (paints, asyncExecs). */
    public static void flush() {
        Display d = Display.getCurrent();
        if (d != null) {
            while (d.readAndDispatch()) {
                // keep dispatching until the queue is empty
            }
        }
    }

    private static void onUiThread(Invocation<Void> invocation) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static Display start() throws InterruptedException {
        AtomicReference<Throwable> crash = new AtomicReference<>();
        Thread ui = new Thread(() -> {
            try {
                ConvscopeWorkbench.run(new String[0]);
            } catch (Throwable t) {
                crash.set(t);
            }
        }, "convscope-ui-test");
        ui.setDaemon(true);
        ui.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (crash.get() != null) {
                throw new IllegalStateException("the workbench failed to start", crash.get());
            }
            if (PlatformUI.isWorkbenchRunning()) {
                Display d = PlatformUI.getWorkbench().getDisplay();
                AtomicReference<Boolean> ready = new AtomicReference<>(false);
                d.syncExec(() -> ready.set(PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null));
                if (ready.get()) {
                    return d;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the workbench did not open a window within " + START_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /** Closes the workbench once every test of the run is done. */
    private static final class Closer implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            Display d = display;
            if (d != null && !d.isDisposed()) {
                d.syncExec(() -> PlatformUI.getWorkbench().close());
            }
        }
    }
}
