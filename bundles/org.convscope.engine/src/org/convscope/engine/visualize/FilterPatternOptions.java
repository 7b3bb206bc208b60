package org.convscope.engine.visualize;

import java.util.Locale;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;

/**
 * How one filter pattern is made. Two records with equal fields give the same pictures, which is
 * what the result cache relies on.
 *
 * @param size          side of the square input image, in pixels
 * @param steps         gradient-ascent steps
 * @param learningRate  step size applied to the normalised gradient
 * @param seed          seed of the start image (each filter derives its own stream from it, so a
 *                      filter's picture does not depend on which others run beside it)
 * @param start         how the start image is drawn
 * @param border        pixels left out of the loss on every side of the activation (0 = the whole
 *                      map; the later edition of the notebook leaves out 2)
 * @param crop          pixels cut from every side of the finished tile (the later edition: 25)
 * @param jitter        largest random shift, in pixels, applied before each step and undone on the
 *                      gradient (0 = none); the "robust" preset uses it for clearer deep patterns
 * @param batchSize     at most this many filters are computed together in one batch; fewer when
 *                      a batch would need more native memory than {@link FilterPatterns} allows
 *                      itself (the pictures do not depend on it)
 * @param method        how the image is parameterised and optimised
 * @param objective     what each pattern maximises
 * @param diversity     weight of Lucid's diversity penalty (0 = none); above 0, each filter gets
 *                      {@value #COPIES} patterns pushed apart from one another ({@link Method#LUCID} only)
 */
public record FilterPatternOptions(int size, int steps, float learningRate, long seed, StartImage start, int border,
        int crop, int jitter, int batchSize, Method method, ObjectiveKind objective, float diversity) {

    /** Patterns per filter when {@link #diversity()} is above 0, as in Lucid's examples. */
    public static final int COPIES = 4;

    /** How a pattern is found. */
    public enum Method {
        /** The notebook's: gradient ascent on the pixels, the gradient normalised at every step. */
        ASCENT,
        /**
         * Lucid's: a Fourier-space image with decorrelated colours and a sigmoid, robust to random
         * transforms drawn at every step, optimised by Adam.
         */
        LUCID
    }

    /** What a pattern maximises; the names are the command line's. */
    public enum ObjectiveKind {

        /** The mean of one channel of the layer. */
        CHANNEL,
        /** One channel at the centre position of the layer. */
        NEURON,
        /** One unit of a 2-D layer's output, e.g. a class score of the last layer. */
        CLASS,
        /** The mean over positions of the layer's channels weighted by a given direction vector. */
        DIRECTION;

        /** @return the kind named {@code name} (any case) */
        public static ObjectiveKind named(String name) {
            for (ObjectiveKind k : values()) {
                if (k.name().equalsIgnoreCase(name.trim())) {
                    return k;
                }
            }
            throw new AnalysisException(MessageBundles.bind(Messages.unknownObjective, name));
        }
    }

    /** How the random start image is drawn; both in pixel units, then the model's preprocessing. */
    public enum StartImage {
        /** The notebook's first edition: {@code uniform[0, 1) · 20 + 128}, grey noise. */
        NOISE_128,
        /** Its later edition: uniform in 0.4–0.6 of the input range, i.e. {@code 255 · uniform[0.4, 0.6)}. */
        UNIFORM_MID
    }

    public FilterPatternOptions {
        if (size < 8 || steps < 0 || batchSize < 1 || border < 0 || crop < 0 || jitter < 0 || 2 * crop >= size) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.badOptions, size, steps, crop, border, jitter, batchSize));
        }
        if (!Float.isFinite(learningRate)) {
            throw new AnalysisException(Messages.learningRateNotFinite);
        }
        if (start == null || method == null || objective == null) {
            throw new IllegalArgumentException("start image kind, method or objective missing");
        }
        if (!Float.isFinite(diversity) || diversity < 0) {
            throw new AnalysisException(MessageBundles.bind(Messages.badDiversity, diversity));
        }
    }

    /** Gradient ascent on the channel mean, as the notebook's presets. */
    public FilterPatternOptions(int size, int steps, float learningRate, long seed, StartImage start, int border,
            int crop, int jitter, int batchSize) {
        this(size, steps, learningRate, seed, start, border, crop, jitter, batchSize, Method.ASCENT,
                ObjectiveKind.CHANNEL, 0f);
    }

    /** The notebook (first edition): 150×150, 40 steps of size 1, noise around 128, whole map, no crop. */
    public static FilterPatternOptions notebook() {
        return new FilterPatternOptions(150, 40, 1f, 0, StartImage.NOISE_128, 0, 0, 0, 16);
    }

    /** The later edition: 200×200, 30 steps of size 10, start 0.4–0.6, 2-pixel border left out, 25-pixel crop. */
    public static FilterPatternOptions v2() {
        return new FilterPatternOptions(200, 30, 10f, 0, StartImage.UNIFORM_MID, 2, 25, 0, 16);
    }

    /** The later edition's settings plus random jitter of up to 8 pixels per step and more steps. */
    public static FilterPatternOptions robust() {
        return new FilterPatternOptions(200, 60, 10f, 0, StartImage.UNIFORM_MID, 2, 25, 8, 16);
    }

    /**
     * Lucid's settings: 224×224, 512 Adam steps at 0.05 on a Fourier-space image with decorrelated
     * colours, robust to jitter, scale and rotation, the whole map, no crop.
     */
    public static FilterPatternOptions lucid() {
        return new FilterPatternOptions(224, 512, 0.05f, 0, StartImage.UNIFORM_MID, 0, 0, 0, 16, Method.LUCID,
                ObjectiveKind.CHANNEL, 0f);
    }

    /** @return the preset named {@code notebook}, {@code v2}, {@code robust} or {@code lucid} (any case) */
    public static FilterPatternOptions preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "notebook" -> notebook();
            case "v2" -> v2();
            case "robust" -> robust();
            case "lucid" -> lucid();
            default -> throw new AnalysisException(MessageBundles.bind(Messages.unknownPreset, name));
        };
    }

    /** @return these options at another size, the crop scaled in proportion (25 px of 200 → 3 px of 28) */
    public FilterPatternOptions withSize(int s) {
        return new FilterPatternOptions(s, steps, learningRate, seed, start, border, crop * s / size, jitter,
                batchSize, method, objective, diversity);
    }

    public FilterPatternOptions withSteps(int n) {
        return new FilterPatternOptions(size, n, learningRate, seed, start, border, crop, jitter, batchSize, method,
                objective, diversity);
    }

    public FilterPatternOptions withLearningRate(float lr) {
        return new FilterPatternOptions(size, steps, lr, seed, start, border, crop, jitter, batchSize, method,
                objective, diversity);
    }

    public FilterPatternOptions withSeed(long s) {
        return new FilterPatternOptions(size, steps, learningRate, s, start, border, crop, jitter, batchSize, method,
                objective, diversity);
    }

    public FilterPatternOptions withBatchSize(int n) {
        return new FilterPatternOptions(size, steps, learningRate, seed, start, border, crop, jitter, n, method,
                objective, diversity);
    }

    public FilterPatternOptions withObjective(ObjectiveKind kind) {
        return new FilterPatternOptions(size, steps, learningRate, seed, start, border, crop, jitter, batchSize, method,
                kind, diversity);
    }

    public FilterPatternOptions withDiversity(float weight) {
        return new FilterPatternOptions(size, steps, learningRate, seed, start, border, crop, jitter, batchSize, method,
                objective, weight);
    }

    /** @return patterns made per filter: {@value #COPIES} with a diversity penalty, else 1 */
    public int copies() {
        return diversity > 0 ? COPIES : 1;
    }
}
