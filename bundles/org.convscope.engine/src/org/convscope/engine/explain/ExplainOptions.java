package org.convscope.engine.explain;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;

/**
 * The methods' parameters.
 *
 * @param igSteps     Integrated Gradients' N (midpoint rule)
 * @param noise       SmoothGrad's σ as a fraction of the image's value range
 * @param samples     SmoothGrad's number of noisy samples
 * @param seed        seed of SmoothGrad's noise and of the sanity check's random weights
 * @param smoothBase  the map SmoothGrad averages: {@link AttributionMethod#SALIENCY},
 *                    {@link AttributionMethod#INPUTXGRAD} or {@link AttributionMethod#IG}
 * @param patch       occlusion's square side, in input pixels
 * @param stride      occlusion's step between patches
 * @param batch       at most this many inputs per pass through the network (masked images,
 *                    interpolation steps, noisy samples, patches)
 */
public record ExplainOptions(int igSteps, float noise, int samples, long seed, AttributionMethod smoothBase,
        int patch, int stride, int batch) {

    /** The defaults: 32 steps, noise 0.15, 25 samples, seed 0, saliency, 32×32 patches at stride 16, batch 32. */
    public static final ExplainOptions DEFAULTS = new ExplainOptions(32, 0.15f, 25, 0L, AttributionMethod.SALIENCY,
            32, 16, 32);

    /** @throws AnalysisException when a count or size is not positive, or the base is not one SmoothGrad takes */
    public ExplainOptions {
        if (igSteps < 1 || samples < 1 || patch < 1 || stride < 1 || batch < 1 || !(noise >= 0)
                || Float.isInfinite(noise)) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.badOptions, igSteps, noise, samples, patch, stride, batch));
        }
        if (smoothBase != AttributionMethod.SALIENCY && smoothBase != AttributionMethod.INPUTXGRAD
                && smoothBase != AttributionMethod.IG) {
            throw new AnalysisException(MessageBundles.bind(Messages.badSmoothBase, smoothBase));
        }
    }

    /** @return these options with {@code steps} Integrated Gradients steps */
    public ExplainOptions withIgSteps(int steps) {
        return new ExplainOptions(steps, noise, samples, seed, smoothBase, patch, stride, batch);
    }

    /** @return these options with SmoothGrad's noise, samples, seed and base */
    public ExplainOptions withSmoothGrad(float sigma, int count, long randomSeed, AttributionMethod base) {
        return new ExplainOptions(igSteps, sigma, count, randomSeed, base, patch, stride, batch);
    }

    /** @return these options with occlusion's patch and stride */
    public ExplainOptions withOcclusion(int side, int step) {
        return new ExplainOptions(igSteps, noise, samples, seed, smoothBase, side, step, batch);
    }

    /** @return these options with at most {@code size} inputs per pass */
    public ExplainOptions withBatch(int size) {
        return new ExplainOptions(igSteps, noise, samples, seed, smoothBase, patch, stride, size);
    }
}
