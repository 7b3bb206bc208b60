package org.convscope.engine.visualize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.render.RgbImage;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.GradientResult;
import org.convscope.engine.LayerFailure;
import org.convscope.engine.Network;
import org.convscope.engine.Objective;
import org.convscope.engine.visualize.FilterPatternOptions.ObjectiveKind;

/**
 * Filter patterns by gradient ascent in input space, as in "Visualizing what convnets learn": start
 * from a seeded random image, and repeatedly step along the normalised gradient of the mean of one
 * filter's activation. Many filters run at once as one batch, each batch item maximising its own
 * filter, so a layer's 64 patterns cost about as many passes as one.
 *
 * <p>One instance per open network: results are cached per (layer, filter, options), so redrawing a
 * grid, or widening the filter range, only computes what is new. Not thread-safe beyond what the
 * network serialises.
 */
public final class FilterPatterns {

    /** Tiles kept: about 90 MB of 150×150 tiles with their images. */
    private static final int CACHED = 512;
    private static final float NORM_EPSILON = 1e-5f;
    private static final float STD_EPSILON = 1e-5f;
    /**
     * Native memory one batch's activations and gradients may take. With the JVM and the native
     * library's own few hundred MB, a run of VGG16's block3_conv1 filters at 150² (33 MB per image:
     * batches of 8) peaks at 0.5 GB, under what TensorFlow takes for one filter at a time (0.65 GB);
     * larger batches run no faster per image (measured from 4 to 16 on 2 cores).
     */
    private static final long BATCH_BYTES = 256L << 20;

    private final Network network;
    private final int channels;
    private final Preprocessing preprocessing;
    private final Map<Key, FilterPattern> cache = new LinkedHashMap<>(64, 0.75f, true);
    private volatile PatternStore store;

    private record Key(String layer, int filter, int copy, FilterPatternOptions options, int directions) {
    }

    /** Random inputs a silent filter is tried on before it is called dead. */
    private static final int PROBES = 4;

    /**
     * What {@link #ascend} returns.
     *
     * @param images the images after the last step
     * @param losses per step, each item's loss before that step
     * @param dead   per item, whether its filter is dead: zero all over the start image and over
     *               {@value #PROBES} random inputs, and without a gradient before its ReLU either
     */
    public record Ascent(Tensor images, float[][] losses, boolean[] dead) {
    }

    /**
     * @param network       the model, one image input
     * @param channels      channels of the model's input (3 for RGB, 1 for grey)
     * @param preprocessing the model's input scaling, applied to the start image in pixel units and
     *                      undone for CAFFE's BGR order when drawing
     */
    public FilterPatterns(Network network, int channels, Preprocessing preprocessing) {
        if (network.inputNames().size() != 1) {
            throw new AnalysisException(
                    MessageBundles.bind(Messages.notOneImageInput, network.name(), network.inputNames().size()));
        }
        this.network = network;
        this.channels = channels;
        this.preprocessing = preprocessing;
    }

    /**
     * Computes (or takes from the cache) the patterns of {@code filters} of {@code layer}.
     *
     * @param onEach called with every pattern as soon as it is known (cached ones first), e.g. to
     *               fill a grid while the rest run; may be {@code null}
     * @return the patterns in the order of {@code filters}
     * @throws org.convscope.core.progress.CancelledException when {@code monitor} is cancelled
     */
    public List<FilterPattern> compute(String layer, int[] filters, FilterPatternOptions options,
            ProgressMonitor monitor, Consumer<FilterPattern> onEach) {
        return compute(layer, filters, options, null, monitor, onEach);
    }

    /**
     * Computes (or takes from the cache) the patterns of {@code filters} of {@code layer}, for any
     * objective: a filter is a channel (channel, neuron), a unit of a 2-D output (class) or an index
     * into {@code directions} (direction). With a diversity penalty every filter has
     * {@link FilterPatternOptions#copies()} patterns, one after the other.
     *
     * @param directions for the direction objective, one vector over the layer's channels per
     *                   "filter"; else ignored, may be {@code null}
     * @param onEach     called with every pattern as soon as it is known (cached ones first); may be
     *                   {@code null}
     * @return the patterns in the order of {@code filters}, copies of one filter together
     * @throws org.convscope.core.progress.CancelledException when {@code monitor} is cancelled
     */
    public List<FilterPattern> compute(String layer, int[] filters, FilterPatternOptions options,
            float[][] directions, ProgressMonitor monitor, Consumer<FilterPattern> onEach) {
        if (options.diversity() > 0 && options.method() != FilterPatternOptions.Method.LUCID) {
            throw new AnalysisException(Messages.diversityNeedsLucid);
        }
        float[][] dirs = options.objective() == ObjectiveKind.DIRECTION
                ? checkedDirections(layer, options, directions)
                : null;
        int outChannels = dirs != null ? dirs.length : layerChannels(layer, options);
        int hash = dirs == null ? 0 : Arrays.deepHashCode(dirs);
        String digest = digest(dirs);
        PatternStore disk = store;
        int copies = options.copies();
        List<Integer> todo = new ArrayList<>();
        Map<Key, FilterPattern> found = new LinkedHashMap<>();
        for (int f : filters) {
            if (f < 0 || f >= outChannels) {
                throw new AnalysisException(dirs != null
                        ? MessageBundles.bind(Messages.directionOutOfRange, dirs.length, f)
                        : MessageBundles.bind(Messages.filterOutOfRange, layer, outChannels - 1, f));
            }
            boolean all = true;
            for (int copy = 0; copy < copies; copy++) {
                Key k = new Key(layer, f, copy, options, hash);
                FilterPattern p;
                synchronized (cache) {
                    p = cache.get(k);
                }
                if (p == null && disk != null) {
                    p = disk.get(layer, f, copy, options, digest);
                    if (p != null) {
                        synchronized (cache) {
                            cache.put(k, p);
                        }
                    }
                }
                if (p != null) {
                    found.put(k, p);
                    if (onEach != null) {
                        onEach.accept(p);
                    }
                } else {
                    all = false;
                }
            }
            if (!all && !todo.contains(f)) {
                todo.add(f);
            }
        }
        monitor.begin(MessageBundles.bind(Messages.taskPatterns, layer),
                todo.size() * copies * Math.max(1, options.steps()));
        int batchSize = batchSize(layer, options, todo.size());
        try {
            ascendAll(layer, todo, batchSize, options, dirs, hash, digest, monitor, found, onEach);
        } finally {
            network.releaseWorkMemory();
        }
        List<FilterPattern> out = new ArrayList<>(filters.length * copies);
        for (int f : filters) {
            for (int copy = 0; copy < copies; copy++) {
                out.add(found.get(new Key(layer, f, copy, options, hash)));
            }
        }
        return out;
    }

    /**
     * Batches of equal size, as many as {@code largest} needs: 16 filters at most 5 at a time run
     * as 4 × 4, not 5 + 5 + 5 + 1, so that one batch shape (one graph, one set of kept buffers, one
     * build) serves them all and the largest batch holds less.
     *
     * @return the batch size to run {@code count} filters in
     */
    static int evenBatches(int count, int largest) {
        if (count <= 0) {
            return largest;
        }
        int batches = (count + largest - 1) / largest;
        return (count + batches - 1) / batches;
    }

    private float[][] checkedDirections(String layer, FilterPatternOptions options, float[][] directions) {
        if (directions == null || directions.length == 0) {
            throw new AnalysisException(Messages.noDirections);
        }
        int c = layerChannels(layer, options);
        for (float[] d : directions) {
            if (d.length != c) {
                throw new AnalysisException(MessageBundles.bind(Messages.directionLength, d.length, layer, c));
            }
        }
        return directions;
    }

    private void ascendAll(String layer, List<Integer> todo, int batchSize, FilterPatternOptions options,
            float[][] directions, int hash, String digest, ProgressMonitor monitor, Map<Key, FilterPattern> found,
            Consumer<FilterPattern> onEach) {
        PatternStore disk = store;
        int copies = options.copies();
        for (int from = 0; from < todo.size(); from += batchSize) {
            int[] batch = todo.subList(from, Math.min(todo.size(), from + batchSize)).stream()
                    .mapToInt(Integer::intValue).toArray();
            monitor.subTask(MessageBundles.bind(Messages.taskFilters, batch[0], batch[batch.length - 1]));
            int[] items = new int[batch.length * copies];
            int[] copy = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                items[i] = batch[i / copies];
                copy[i] = i % copies;
            }
            List<FilterPattern> made = options.method() == FilterPatternOptions.Method.LUCID
                    ? lucid(layer, items, copy, options, directions, monitor)
                    : notebook(layer, items, options, directions, monitor);
            for (int i = 0; i < items.length; i++) {
                FilterPattern p = made.get(i);
                Key k = new Key(layer, items[i], copy[i], options, hash);
                synchronized (cache) {
                    cache.put(k, p);
                    while (cache.size() > CACHED) {
                        cache.remove(cache.keySet().iterator().next());
                    }
                }
                if (disk != null) {
                    disk.put(layer, items[i], copy[i], options, digest, p);
                }
                found.put(k, p);
                if (onEach != null) {
                    onEach.accept(p);
                }
            }
        }
    }

    /** @return a text that differs for different direction vectors ("" for none) */
    private static String digest(float[][] directions) {
        if (directions == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (float[] d : directions) {
            b.append(Arrays.toString(d)).append(';');
        }
        return b.toString();
    }

    private List<FilterPattern> notebook(String layer, int[] items, FilterPatternOptions options,
            float[][] directions, ProgressMonitor monitor) {
        Ascent a = ascend(layer, startImages(items, options), items, options, directions, monitor);
        List<FilterPattern> out = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            out.add(pattern(layer, items[i], i, a, options));
        }
        return out;
    }

    private List<FilterPattern> lucid(String layer, int[] items, int[] copy, FilterPatternOptions options,
            float[][] directions, ProgressMonitor monitor) {
        int s = options.size();
        int[] inputShape = { items.length, s, s, channels };
        Objective objective = objective(layer, inputShape, items, options, directions);
        LucidAscent.Result r = new LucidAscent(network, channels, preprocessing).run(objective, items, copy, options,
                monitor);
        boolean[] candidates = new boolean[items.length];
        boolean[] seen = positiveSomewhere(r.losses(), items.length, options);
        boolean unseen = false;
        for (boolean b : seen) {
            unseen |= !b;
        }
        if (counts(options) && unseen) {
            float[] o = network.forward(r.inputs(), List.of(layer)).output(layer).data();
            int c = o.length / items.length;
            int ch = layerChannels(layer, options);
            for (int i = 0; i < items.length; i++) {
                boolean zero = !seen[i];
                for (int k = items[i]; zero && k < c; k += ch) {
                    zero = o[i * c + k] == 0f;
                }
                candidates[i] = zero;
            }
        }
        boolean[] dead = probe(layer, inputShape, items, candidates, options.seed());
        int per = s * s * channels;
        List<FilterPattern> out = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            float[] losses = new float[r.losses().length];
            for (int step = 0; step < losses.length; step++) {
                losses[step] = r.losses()[step][i];
            }
            float[] img = Arrays.copyOfRange(r.inputs().data(), i * per, (i + 1) * per);
            RgbImage tile = dead[i] ? Images.deadTile(s, s) : pixelTile(r.pixels(), i * per, s, channels);
            out.add(new FilterPattern(layer, items[i], tile, new Tensor(img, new int[] { 1, s, s, channels }), losses,
                    dead[i]));
        }
        return out;
    }

    /**
     * The objective is a positively weighted mean of the channel or of the value going into its
     * ReLU, so where it was above 0 the channel was above 0 somewhere on that step's image: alive,
     * with no forward pass of the finished patterns needed to tell. Not so with a diversity
     * penalty, whose weights can be negative.
     *
     * @return per item, whether its objective was above 0 at some step
     */
    private static boolean[] positiveSomewhere(float[][] losses, int n, FilterPatternOptions options) {
        boolean[] out = new boolean[n];
        if (options.diversity() > 0) {
            return out;
        }
        for (float[] step : losses) {
            for (int i = 0; i < n; i++) {
                out[i] |= step[i] > 0;
            }
        }
        return out;
    }

    /** @return whether "dead" means something for the objective: it looks at one channel */
    private static boolean counts(FilterPatternOptions options) {
        return options.objective() == ObjectiveKind.CHANNEL || options.objective() == ObjectiveKind.NEURON;
    }

    /** @return a tile of pixels in 0–255, (s, s, c) from {@code off} */
    private static RgbImage pixelTile(float[] pixels, int off, int s, int c) {
        int[] px = new int[s * s];
        for (int p = 0; p < px.length; p++) {
            int r = clamp(pixels[off + p * c]);
            int g = c == 3 ? clamp(pixels[off + p * c + 1]) : r;
            int b = c == 3 ? clamp(pixels[off + p * c + 2]) : r;
            px[p] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return new RgbImage(s, s, px);
    }

    private static int clamp(float v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    }

    /**
     * The batch size {@link #compute} runs {@code count} of {@code layer}'s filters in: the largest
     * batch ({@link #batchSize(String, FilterPatternOptions)}, shared by a filter's copies), evened
     * out over the batches it takes.
     */
    public int batchSize(String layer, FilterPatternOptions options, int count) {
        return evenBatches(count, Math.max(1, batchSize(layer, options) / options.copies()));
    }

    /**
     * The largest batch of patterns {@link #compute} runs at once for {@code layer}:
     * {@code options.batchSize()}, or fewer when a batch's activations and gradients (every layer
     * up to {@code layer}, and two gradients the size of the largest) would take more than a fixed
     * budget of native memory.
     */
    public int batchSize(String layer, FilterPatternOptions options) {
        int s = options.size();
        long floats = 0;
        long largest = 0;
        for (int[] shape : network.outputShapes(List.of(new int[] { 1, s, s, channels }), layer).values()) {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            floats += n;
            largest = Math.max(largest, n);
        }
        long perImage = Float.BYTES * (floats + 2 * largest);
        return (int) Math.max(1, Math.min(options.batchSize(), BATCH_BYTES / perImage));
    }

    /**
     * The seeded start images, one per filter, in the model's input space: drawn in pixel units as
     * {@code options.start()} says, then preprocessed. Filter {@code f} always gets the same image
     * for the same seed, whatever else is in the batch.
     *
     * @return shape (filters, size, size, channels)
     */
    public Tensor startImages(int[] filters, FilterPatternOptions options) {
        int s = options.size();
        int per = s * s * channels;
        float[] data = new float[filters.length * per];
        for (int n = 0; n < filters.length; n++) {
            SplittableRandom rng = new SplittableRandom(mix(options.seed(), filters[n]));
            for (int i = 0; i < per; i++) {
                double u = rng.nextDouble();
                data[n * per + i] = (float) switch (options.start()) {
                    case NOISE_128 -> u * 20 + 128;
                    case UNIFORM_MID -> 255 * (0.4 + 0.2 * u);
                };
            }
        }
        preprocessing.apply(data, channels);
        return new Tensor(data, new int[] { filters.length, s, s, channels });
    }

    /**
     * Gradient ascent from given start images: {@code steps} times, the gradient g of item n's
     * loss with respect to its image is normalised as {@code g / (sqrt(mean(g²)) + 1e-5)} and added
     * with weight {@code learningRate}. Public so that a test can feed TensorFlow's start image.
     * <p>
     * A filter that is zero all over its start image has no gradient there, and the ascent would
     * never move. When the layer ends in a ReLU, such an item climbs the mean of the value going
     * into it instead (its losses are then that mean) on every step where its channel is still
     * silent, so it starts, and climbs the channel itself once it fires (a second gradient pass only on
     * the steps that need it); only a filter with no such gradient either, and zero on random
     * inputs too, is dead.
     *
     * @param start   shape (N, size, size, channels), not modified
     * @param filters filter of each batch item
     * @return the final images and, per step, each item's loss before that step
     */
    public Ascent ascend(String layer, Tensor start, int[] filters, FilterPatternOptions options,
            ProgressMonitor monitor) {
        return ascend(layer, start, filters, options, null, monitor);
    }

    private Ascent ascend(String layer, Tensor start, int[] filters, FilterPatternOptions options,
            float[][] directions, ProgressMonitor monitor) {
        int[] shape = start.shape();
        int n = shape[0];
        int h = shape[1];
        int w = shape[2];
        int c = shape[3];
        int per = h * w * c;
        float[] x = start.data().clone();
        Objective objective = objective(layer, shape, filters, options, directions);
        String input = network.inputNames().get(0);
        SplittableRandom[] jitter = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            jitter[i] = new SplittableRandom(mix(options.seed() ^ 0x5DEECE66DL, filters[i]));
        }
        float[][] losses = new float[options.steps()][];
        boolean[] silent = new boolean[n];
        // per item: whether it was seen stuck yet, and then whether its pre-activation had a gradient
        boolean[] known = new boolean[n];
        boolean[] climbs = new boolean[n];
        for (int step = 0; step < options.steps(); step++) {
            monitor.checkCanceled();
            int[][] shifts = new int[n][2];
            float[] fed = x;
            if (options.jitter() > 0) {
                for (int i = 0; i < n; i++) {
                    shifts[i][0] = jitter[i].nextInt(-options.jitter(), options.jitter() + 1);
                    shifts[i][1] = jitter[i].nextInt(-options.jitter(), options.jitter() + 1);
                }
                fed = Images.roll(x, n, h, w, c, shifts, 1);
            }
            Tensor image = new Tensor(fed, shape);
            GradientResult r = network.gradients(List.of(image), objective, List.of(input));
            losses[step] = r.objectivePerItem();
            float[] g = r.gradient(input).data();
            boolean[] stuck = silent(losses[step], g, per);
            if (step == 0) {
                silent = stuck;
            }
            // only an item silent on its start image climbs before the ReLU (one that falls silent
            // later ascends as TensorFlow's loop does, on the channel alone)
            boolean needed = false;
            for (int i = 0; i < n; i++) {
                needed |= stuck[i] && silent[i] && (!known[i] || climbs[i]);
            }
            if (needed) {
                // only on the steps where an item is stuck: once its channel fires it climbs as usual
                GradientResult pre = network.gradients(List.of(image), objective.onPreActivation(), List.of(input));
                float[] gp = pre.gradient(input).data();
                boolean[] flat = silent(new float[n], gp, per);
                float[] lp = pre.objectivePerItem();
                for (int i = 0; i < n; i++) {
                    if (stuck[i] && silent[i] && !known[i]) {
                        known[i] = true;
                        climbs[i] = !flat[i];
                    }
                    if (stuck[i] && silent[i] && climbs[i] && !flat[i]) {
                        losses[step][i] = lp[i];
                        System.arraycopy(gp, i * per, g, i * per, per);
                    }
                }
            }
            if (options.jitter() > 0) {
                // the gradient of loss(roll(x)) with respect to x is the gradient rolled back
                g = Images.roll(g, n, h, w, c, shifts, -1);
            }
            if (fed == x) {
                x = x.clone();
            }
            for (int i = 0; i < n; i++) {
                double sq = 0;
                for (int k = i * per; k < (i + 1) * per; k++) {
                    sq += (double) g[k] * g[k];
                }
                float scale = options.learningRate() / ((float) Math.sqrt(sq / per) + NORM_EPSILON);
                for (int k = i * per; k < (i + 1) * per; k++) {
                    x[k] += g[k] * scale;
                }
            }
            monitor.worked(n);
        }
        boolean[] candidates = new boolean[n];
        for (int i = 0; i < n; i++) {
            candidates[i] = silent[i] && !climbs[i] && counts(options);
        }
        return new Ascent(new Tensor(x, shape), losses, probe(layer, shape, filters, candidates, options.seed()));
    }

    /** @return per item, whether its loss is zero and its gradient zero all over its image */
    static boolean[] silent(float[] perItem, float[] gradient, int per) {
        boolean[] out = new boolean[perItem.length];
        for (int i = 0; i < out.length; i++) {
            boolean zero = perItem[i] == 0f;
            for (int k = i * per; zero && k < (i + 1) * per; k++) {
                zero = gradient[k] == 0f;
            }
            out[i] = zero;
        }
        return out;
    }

    private static boolean any(boolean[] b) {
        for (boolean v : b) {
            if (v) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param candidates per item, whether its filter gave nothing to climb (silent on its start
     *                   image and without a gradient before its ReLU, or zero on its finished pattern)
     * @return per item, whether its filter is dead: a candidate, and zero all over {@value #PROBES}
     *         seeded random inputs (pixels uniform in 0–255, then the model's preprocessing)
     */
    private boolean[] probe(String layer, int[] shape, int[] filters, boolean[] candidates, long seed) {
        boolean[] dead = candidates.clone();
        if (!any(dead)) {
            return dead;
        }
        int per = shape[1] * shape[2] * shape[3];
        float[] data = new float[PROBES * per];
        SplittableRandom rng = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rng.nextDouble() * 255);
        }
        preprocessing.apply(data, channels);
        Tensor out = network.forward(new Tensor(data, new int[] { PROBES, shape[1], shape[2], shape[3] }),
                List.of(layer)).output(layer);
        float[] o = out.data();
        int c = out.shape()[out.rank() - 1];
        for (int k = 0; k < o.length; k++) {
            if (o[k] != 0f) {
                for (int i = 0; i < dead.length; i++) {
                    if (dead[i] && filters[i] == k % c) {
                        dead[i] = false;
                    }
                }
            }
        }
        return dead;
    }

    /**
     * Turns an input-space image into a tile as the notebook does: standardise over all its values,
     * ×64 + 128, clip to 0–255 (truncating like numpy's uint8 cast), crop {@code crop} pixels from
     * each side.
     *
     * @param hwc one image, (h, w, c) values
     * @param bgr whether channels are in BGR order (CAFFE preprocessing) and must be swapped back
     */
    public static RgbImage deprocess(float[] hwc, int h, int w, int c, int crop, boolean bgr) {
        double sum = 0;
        for (float v : hwc) {
            sum += v;
        }
        double mean = sum / hwc.length;
        double sq = 0;
        for (float v : hwc) {
            sq += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(sq / hwc.length);
        int tw = w - 2 * crop;
        int th = h - 2 * crop;
        int[] px = new int[tw * th];
        for (int y = 0; y < th; y++) {
            for (int xx = 0; xx < tw; xx++) {
                int base = ((y + crop) * w + xx + crop) * c;
                int r = level(hwc[base], mean, std);
                int g = c == 3 ? level(hwc[base + 1], mean, std) : r;
                int b = c == 3 ? level(hwc[base + 2], mean, std) : r;
                px[y * tw + xx] = 0xFF000000 | (bgr ? b << 16 | g << 8 | r : r << 16 | g << 8 | b);
            }
        }
        return new RgbImage(tw, th, px);
    }

    /** @param store where finished patterns are also kept and looked up (e.g. on disk), or {@code null} */
    public void setStore(PatternStore store) {
        this.store = store;
    }

    /** Drops every cached pattern. */
    public void clearCache() {
        synchronized (cache) {
            cache.clear();
        }
    }

    private FilterPattern pattern(String layer, int filter, int item, Ascent a, FilterPatternOptions o) {
        int[] shape = a.images().shape();
        int per = shape[1] * shape[2] * shape[3];
        float[] img = Arrays.copyOfRange(a.images().data(), item * per, (item + 1) * per);
        float[] losses = new float[a.losses().length];
        for (int s = 0; s < losses.length; s++) {
            losses[s] = a.losses()[s][item];
        }
        boolean dead = a.dead()[item];
        RgbImage tile = dead
                ? Images.deadTile(shape[2] - 2 * o.crop(), shape[1] - 2 * o.crop())
                : deprocess(img, shape[1], shape[2], shape[3], o.crop(), preprocessing == Preprocessing.CAFFE);
        return new FilterPattern(layer, filter, tile, new Tensor(img, new int[] { 1, shape[1], shape[2], shape[3] }),
                losses, dead);
    }

    /** @return the layer's channels, or for the class objective its units */
    private int layerChannels(String layer, FilterPatternOptions options) {
        int size = options.size();
        List<int[]> input = List.of(new int[] { 1, size, size, channels });
        int[] s = network.outputShapes(input, layer).get(layer);
        if (s == null) {
            // e.g. a model with a fixed input size other than the pattern's: say why, not just "no layer"
            LayerFailure f = network.check(input).get(layer);
            throw new AnalysisException(
                    f != null ? f.message() : MessageBundles.bind(Messages.noLayer, layer, network.name()));
        }
        if (options.objective() == ObjectiveKind.CLASS) {
            if (s.length != 2) {
                throw new AnalysisException(MessageBundles.bind(Messages.classNeeds2d, layer, Arrays.toString(s)));
            }
            return s[1];
        }
        if (s.length != 4) {
            throw new AnalysisException(MessageBundles.bind(Messages.patternsNeed4d, layer, Arrays.toString(s)));
        }
        return s[3];
    }

    /**
     * Item n's objective: the mean of channel filters[n] over the whole map or without a border, that
     * channel at the centre, unit filters[n] of a 2-D output, or the mean over positions of the
     * channels weighted by direction filters[n].
     */
    Objective objective(String layer, int[] inputShape, int[] filters, FilterPatternOptions options,
            float[][] directions) {
        int[] s = network.outputShapes(List.of(inputShape), layer).get(layer);
        ObjectiveKind kind = options.objective();
        if (kind == ObjectiveKind.CLASS) {
            if (s == null || s.length != 2) {
                throw new AnalysisException(MessageBundles.bind(Messages.classNeeds2d, layer, Arrays.toString(s)));
            }
            return Objective.unit(layer, s[1], filters);
        }
        if (s == null || s.length != 4) {
            throw new AnalysisException(MessageBundles.bind(Messages.patternsNeed4dOutput, layer));
        }
        int h = s[1];
        int w = s[2];
        int c = s[3];
        int n = filters.length;
        if (kind == ObjectiveKind.NEURON) {
            float[] wt = new float[n * h * w * c];
            for (int i = 0; i < n; i++) {
                wt[((i * h + h / 2) * w + w / 2) * c + filters[i]] = 1f;
            }
            return new Objective(layer, new Tensor(wt, new int[] { n, h, w, c }));
        }
        if (kind == ObjectiveKind.DIRECTION) {
            float[] wt = new float[n * c];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < c; k++) {
                    wt[i * c + k] = directions[filters[i]][k] / (h * w);
                }
            }
            return new Objective(layer, new Tensor(wt, new int[] { n, 1, 1, c }));
        }
        int border = options.border();
        if (border == 0) {
            return Objective.channelMeans(layer, h, w, c, filters);
        }
        int ih = h - 2 * border;
        int iw = w - 2 * border;
        if (ih < 1 || iw < 1) {
            throw new AnalysisException(MessageBundles.bind(Messages.borderTooLarge, layer, h, w, border));
        }
        float weight = 1f / (ih * iw);
        float[] wt = new float[n * h * w * c];
        for (int i = 0; i < n; i++) {
            for (int y = border; y < h - border; y++) {
                for (int x = border; x < w - border; x++) {
                    wt[((i * h + y) * w + x) * c + filters[i]] = weight;
                }
            }
        }
        return new Objective(layer, new Tensor(wt, new int[] { n, h, w, c }));
    }

    private static int level(float v, double mean, double std) {
        double t = (v - mean) / (std + STD_EPSILON) * 64 + 128;
        return t <= 0 ? 0 : t >= 255 ? 255 : (int) t;
    }

    /** A per-filter seed: distinct filters get unrelated streams. */
    static long mix(long seed, int filter) {
        long z = seed * 0x9E3779B97F4A7C15L + filter * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
