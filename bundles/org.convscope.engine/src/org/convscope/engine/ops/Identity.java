package org.convscope.engine.ops;

/**
 * Layers that only act while training (dropout, noise, regularization): at inference they pass
 * their input through untouched, as Keras's {@code predict} does.
 */
final class Identity {

    private Identity() {
    }

    static void register(OpRegistry r) {
        r.register(ctx -> ctx.input(), "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
                "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization", "Identity");
    }
}
