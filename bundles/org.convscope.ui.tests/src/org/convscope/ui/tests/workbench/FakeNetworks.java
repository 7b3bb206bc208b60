package org.convscope.ui.tests.workbench;

import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.convscope.core.tensor.Tensor;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.Network;

/**
 * A stand-in engine: every requested layer's output is the input scaled by the layer's position,
 * except one layer that fails. A proxy, so new methods of the engine's interface do not break it.
 */
final class FakeNetworks {

    final AtomicInteger forwards = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    private final String failing;

    FakeNetworks(String failingLayer) {
        this.failing = failingLayer;
    }

    Network create() {
        return (Network) Proxy.newProxyInstance(Network.class.getClassLoader(), new Class<?>[] { Network.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "forward" -> forward(args);
                    case "close" -> {
                        closes.incrementAndGet();
                        yield null;
                    }
                    case "name" -> "fake";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeNetwork";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private ForwardResult forward(Object[] args) {
        forwards.incrementAndGet();
        Tensor x = args[0] instanceof Tensor t ? t : ((List<Tensor>) args[0]).get(0);
        Map<String, Tensor> out = new HashMap<>();
        Map<String, LayerFailure> failures = new HashMap<>();
        int i = 1;
        for (String layer : (Collection<String>) args[1]) {
            if (layer.equals(failing)) {
                failures.put(layer, new LayerFailure(layer, "Dense", "not supported by the fake", layer));
                continue;
            }
            float[] d = x.data().clone();
            for (int k = 0; k < d.length; k++) {
                d[k] *= i;
            }
            out.put(layer, new Tensor(d, x.shape()));
            i++;
        }
        return new ForwardResult(out, failures);
    }
}
