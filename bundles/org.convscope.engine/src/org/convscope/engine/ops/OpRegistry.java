package org.convscope.engine.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps Keras layer class names to their operations. Each layer family registers its own classes,
 * so adding a layer is one small class and one line here, never a branch in a dispatcher.
 */
public final class OpRegistry {

    private static final OpRegistry DEFAULT = createDefault();

    private final Map<String, LayerOp> ops = new HashMap<>();

    /** @return the registry with every layer the engine supports */
    public static OpRegistry defaults() {
        return DEFAULT;
    }

    private static OpRegistry createDefault() {
        OpRegistry r = new OpRegistry();
        Convolution.register(r);
        DepthwiseConvolution.register(r);
        TransposedConvolution.register(r);
        Dense.register(r);
        ActivationLayers.register(r);
        Pooling.register(r);
        GlobalPooling.register(r);
        Normalizations.register(r);
        PreprocessingLayers.register(r);
        Merge.register(r);
        Shaping.register(r);
        SpatialLayers.register(r);
        Identity.register(r);
        return r;
    }

    /** Registers {@code op} for the given Keras class names. */
    public void register(LayerOp op, String... kerasClasses) {
        for (String c : kerasClasses) {
            ops.put(c, op);
        }
    }

    /** @return the operation for a Keras class, if supported */
    public Optional<LayerOp> find(String kerasClass) {
        return Optional.ofNullable(ops.get(kerasClass));
    }

    /** @return the Keras class names this registry can run */
    public Set<String> supportedClasses() {
        return Set.copyOf(ops.keySet());
    }
}
