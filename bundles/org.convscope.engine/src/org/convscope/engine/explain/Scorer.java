package org.convscope.engine.explain;

/** y_c of a batch of inputs: what the trust measures and the perturbation methods ask the model. */
@FunctionalInterface
interface Scorer {

    /**
     * @param batch  {@code count} inputs of the model's input shape, one after the other
     * @param count  how many
     * @param target the unit c
     * @return y_c of each input
     */
    float[] scores(float[] batch, int count, int target);
}
