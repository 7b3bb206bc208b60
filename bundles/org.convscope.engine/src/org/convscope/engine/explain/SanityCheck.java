package org.convscope.engine.explain;

import java.util.List;

/**
 * The model-randomisation test (Adebayo et al. 2018) of one map: the same method on the same
 * image and class after the weights of the model's last 1, 2, 3… weighted layers were replaced by
 * seeded random values. A map that stays the same is not explaining the model.
 *
 * @param randomized   the weighted layers, last first; entry d was randomised in step d and all
 *                     later steps
 * @param correlations the Spearman rank correlation of each step's map with the original one
 *                     (NaN where one of them is constant)
 */
public record SanityCheck(List<String> randomized, float[] correlations) {

    public SanityCheck {
        randomized = List.copyOf(randomized);
        correlations = correlations.clone();
    }

    @Override
    public float[] correlations() {
        return correlations.clone();
    }
}
