package org.convscope.engine.visualize;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.convscope.core.image.Preprocessing;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.tensor.Tensor;
import org.convscope.engine.GradientResult;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;
import org.convscope.engine.internal.OpTimes;

/**
 * The {@code lucid} preset's optimisation of one batch: each item's image is a
 * {@link FourierImage}, mapped to pixels by {@link ValidRgb}, randomly transformed by
 * {@link RobustTransforms} at every step, preprocessed as the model wants, and its parameters climb
 * the objective's gradient by {@link Adam}. The engine gives the gradient with respect to the
 * model's input; every stage before it is differentiated here, stage by stage backwards.
 *
 * <p>Every item draws its start spectrum and its transforms from its own stream, seeded by the
 * options' seed, its filter and its copy, so a pattern does not depend on what else is in its batch.
 */
final class LucidAscent {

    /** Spread of the start spectrum's coefficients, Lucid's. */
    private static final double START_SD = 0.01;
    /**
     * Restarts of an item stuck at its start (see {@link #unstick}), each with a spread this many
     * times the last one's.
     */
    private static final int RESTARTS = 3;
    private static final double RESTART_SPREAD = 10;
    /** Spectrum decay: 1/f, Lucid's. */
    private static final double DECAY = 1;
    private static final double PIXEL_MAX = 255;

    private final Network network;
    private final int channels;
    private final Preprocessing preprocessing;
    /** The preprocessing as the affine map it is: x ↦ jacobian·x + offset per pixel. */
    private final double[][] jacobian;

    /**
     * What a run gives.
     *
     * @param inputs the final patterns as the model takes them (preprocessed), (N, size, size, c)
     * @param pixels the same in pixel units 0–255, untransformed
     * @param losses per step, each item's objective before that step
     */
    record Result(Tensor inputs, float[] pixels, float[][] losses) {
    }

    LucidAscent(Network network, int channels, Preprocessing preprocessing) {
        this.network = network;
        this.channels = channels;
        this.preprocessing = preprocessing;
        this.jacobian = jacobian(preprocessing, channels);
    }

    /**
     * @param objective the objective per item (its weights cover the N items), on the value before
     *                  the layer's ReLU when it ends in one
     * @param filters   each item's filter, for its seed
     * @param copies    each item's copy of its filter, for its seed; items with the same filter form
     *                  one group of the diversity penalty
     */
    Result run(Objective objective, int[] filters, int[] copies, FilterPatternOptions options,
            ProgressMonitor monitor) {
        int n = filters.length;
        int s = options.size();
        int per = s * s * channels;
        // one per thread: the items' transforms run side by side, each with its instance's scratch
        ThreadLocal<FourierImage> fouriers = ThreadLocal.withInitial(() -> new FourierImage(s, s, channels, DECAY));
        int np = fouriers.get().parameters();
        double[] params = new double[n * np];
        SplittableRandom[] streams = new SplittableRandom[n];
        SplittableRandom[] starts = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            starts[i] = new SplittableRandom(FilterPatterns.mix(options.seed(), filters[i] * 31 + copies[i]));
            for (int k = 0; k < np; k++) {
                params[i * np + k] = gaussian(starts[i]) * START_SD;
            }
            streams[i] = new SplittableRandom(
                    FilterPatterns.mix(options.seed() ^ 0x7F4A7C15L, filters[i] * 31 + copies[i]));
        }
        RobustTransforms transforms = new RobustTransforms(s, channels, 0.5f);
        Adam adam = new Adam(params.length, options.learningRate());
        Diversity diversity = options.diversity() > 0 ? new Diversity(filters, options.diversity()) : null;
        Objective live = objective.onPreActivation();
        String input = network.inputNames().get(0);
        int[] shape = { n, s, s, channels };
        float[][] losses = new float[options.steps()][];
        float[] t = new float[n * per];
        double[] grad = new double[params.length];
        if (options.steps() > 0) {
            unstick(live, params, starts, fouriers, shape, monitor);
        }
        for (int step = 0; step < options.steps(); step++) {
            monitor.checkCanceled();
            long t0 = OpTimes.start();
            IntStream.range(0, n).parallel().forEach(i -> fouriers.get().image(params, i * np, t, i * per));
            float[] unit = ValidRgb.forward(t, channels);
            OpTimes.stop("lucid: fourier image + sigmoid", t0);
            t0 = OpTimes.start();
            RobustTransforms.Draw[] draws = new RobustTransforms.Draw[n];
            for (int i = 0; i < n; i++) {
                draws[i] = transforms.draw(streams[i]);
            }
            Tensor image = new Tensor(preprocess(transforms.apply(unit, draws)), shape);
            OpTimes.stop("lucid: transforms + preprocessing", t0);
            Objective o = live;
            if (diversity != null) {
                Tensor act = network.forward(image, List.of(objective.layer())).output(objective.layer());
                o = new Objective(live.layer(), diversity.weights(live.weights(), act), true);
            }
            t0 = OpTimes.start();
            GradientResult r = network.gradients(List.of(image), o, List.of(input));
            OpTimes.stop("lucid: network gradients call", t0);
            t0 = OpTimes.start();
            losses[step] = r.objectivePerItem();
            float[] g = r.gradient(input).data();
            float[] gUnit = transforms.adjoint(preprocessAdjoint(g, per), draws);
            float[] gt = ValidRgb.backward(gUnit, unit, channels);
            OpTimes.stop("lucid: adjoint transforms + sigmoid", t0);
            t0 = OpTimes.start();
            Arrays.fill(grad, 0);
            IntStream.range(0, n).parallel().forEach(i -> fouriers.get().backward(gt, i * per, grad, i * np));
            adam.ascend(params, grad);
            OpTimes.stop("lucid: fourier backward + adam", t0);
            monitor.worked(n);
        }
        IntStream.range(0, n).parallel().forEach(i -> fouriers.get().image(params, i * np, t, i * per));
        float[] unit = ValidRgb.forward(t, channels);
        float[] pixels = new float[unit.length];
        for (int k = 0; k < unit.length; k++) {
            pixels[k] = (float) (unit[k] * PIXEL_MAX);
        }
        float[] inputs = pixels.clone();
        preprocessing.apply(inputs, channels);
        return new Result(new Tensor(inputs, shape), pixels, losses);
    }

    /**
     * Lucid's start is a nearly flat grey picture, on which a channel behind a silent ReLU (one
     * that its own pre-activation objective does not reach: a convolution, a pooling or a
     * normalisation after the ReLU) is constant with no gradient, and its ascent would never move. Such an
     * item gets a new start from its own stream, with ten times the spread, up to {@value #RESTARTS}
     * times, until it has a gradient; the other items keep theirs, so a pattern still does not
     * depend on its batch. An item still stuck after that is left to the dead-channel probe.
     */
    private void unstick(Objective objective, double[] params, SplittableRandom[] starts,
            ThreadLocal<FourierImage> fouriers, int[] shape, ProgressMonitor monitor) {
        int n = shape[0];
        int per = shape[1] * shape[2] * shape[3];
        int np = params.length / n;
        String input = network.inputNames().get(0);
        float[] t = new float[n * per];
        double sd = START_SD;
        for (int round = 0; round < RESTARTS; round++) {
            monitor.checkCanceled();
            IntStream.range(0, n).parallel().forEach(i -> fouriers.get().image(params, i * np, t, i * per));
            Tensor image = new Tensor(preprocess(ValidRgb.forward(t, channels)), shape);
            GradientResult r = network.gradients(List.of(image), objective, List.of(input));
            // no objective counted: stuck means no gradient, whatever the (constant) value
            boolean[] stuck = FilterPatterns.silent(new float[n], r.gradient(input).data(), per);
            sd *= RESTART_SPREAD;
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (stuck[i]) {
                    any = true;
                    for (int k = 0; k < np; k++) {
                        params[i * np + k] = gaussian(starts[i]) * sd;
                    }
                }
            }
            if (!any) {
                return;
            }
        }
    }

    /** @return 0–1 values scaled to pixels and preprocessed */
    private float[] preprocess(float[] unit) {
        float[] x = new float[unit.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) (unit[k] * PIXEL_MAX);
        }
        preprocessing.apply(x, channels);
        return x;
    }

    /**
     * @param per the values of one image: the images are done side by side
     * @return the gradient with respect to {@link #preprocess}'s 0–1 values, given that of its result
     */
    private float[] preprocessAdjoint(float[] g, int per) {
        float[] out = new float[g.length];
        int c = channels;
        IntStream.range(0, g.length / per).parallel().forEach(n -> {
            for (int p = n * per; p < (n + 1) * per; p += c) {
                for (int j = 0; j < c; j++) {
                    double v = 0;
                    for (int i = 0; i < c; i++) {
                        v += jacobian[i][j] * g[p + i];
                    }
                    out[p + j] = (float) (v * PIXEL_MAX);
                }
            }
        });
        return out;
    }

    /**
     * The preprocessing's derivative, read off by applying it: every mode is affine per pixel
     * (CAFFE also swaps red and blue), so the differences from a black pixel are its columns.
     */
    static double[][] jacobian(Preprocessing preprocessing, int channels) {
        float unitStep = 100f;
        float[] probe = new float[(channels + 1) * channels];
        for (int j = 0; j < channels; j++) {
            probe[(j + 1) * channels + j] = unitStep;
        }
        preprocessing.apply(probe, channels);
        double[][] jac = new double[channels][channels];
        for (int j = 0; j < channels; j++) {
            for (int i = 0; i < channels; i++) {
                jac[i][j] = (probe[(j + 1) * channels + i] - probe[i]) / (double) unitStep;
            }
        }
        return jac;
    }

    /** A standard normal draw (Box–Muller; one of the pair is dropped, which costs little here). */
    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
