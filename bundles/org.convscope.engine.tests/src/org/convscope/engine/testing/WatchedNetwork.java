package org.convscope.engine.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.BiConsumer;

import org.convscope.engine.Network;

/** A network that shows a test each call (method name and arguments) before making it on the real one. */
public final class WatchedNetwork {

    private WatchedNetwork() {
    }

    /**
     * @param net  the network that computes
     * @param seen told of every call first
     * @return the same network, watched; closing it closes {@code net}
     */
    public static Network of(Network net, BiConsumer<String, Object[]> seen) {
        return (Network) Proxy.newProxyInstance(Network.class.getClassLoader(), new Class<?>[] { Network.class },
                (proxy, method, args) -> {
                    seen.accept(method.getName(), args);
                    try {
                        return method.invoke(net, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
