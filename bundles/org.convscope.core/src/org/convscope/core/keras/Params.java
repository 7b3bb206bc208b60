package org.convscope.core.keras;

/**
 * Parameter counts of one layer as Keras counts them: trainable weights and the rest (moving
 * statistics, adapted normalisation constants).
 *
 * @param trainable    trainable parameters, or -1 when unknown
 * @param nonTrainable non-trainable parameters, or -1 when unknown
 */
record Params(long trainable, long nonTrainable) {

    /** No weights. */
    static final Params NONE = new Params(0, 0);
    /** Not computable, e.g. because an input dimension is unfixed. */
    static final Params UNKNOWN = new Params(-1, -1);

    /** @return whether the counts are known */
    boolean known() {
        return trainable >= 0;
    }

    /**
     * @param n trainable parameters, or null when they depend on an unfixed dimension
     * @return the counts, unknown for null
     */
    static Params trainable(Long n) {
        return n == null ? UNKNOWN : new Params(n, 0);
    }
}
