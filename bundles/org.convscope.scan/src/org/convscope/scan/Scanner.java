package org.convscope.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.ImageInputs;
import org.convscope.core.image.ImageLoadException;
import org.convscope.core.image.InputSpec;
import org.convscope.core.image.Interpolation;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.keras.ReceptiveField;
import org.convscope.core.keras.ReceptiveFields;
import org.convscope.core.model.Layer;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.model.TensorShape;
import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.ForwardResult;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.AnalysisLayers;
import org.convscope.engine.analysis.ModelInputs;

/**
 * Scans an image set into a store: a batch of images at a time through the engine, every chosen
 * layer's output folded into its {@link LayerTally}, the batch written to the store with the
 * number of images done. Memory is that of one batch and the tallies (K examples per channel), not
 * of the set. A store already holding part of the same scan is continued from where it stopped;
 * one holding all of it is left as it is.
 */
public final class Scanner {

    /** The word for "every convolution" in a layer list. */
    public static final String CONVS = "convs";

    /**
     * What to scan.
     *
     * @param layers        layer names, or {@link #CONVS}
     * @param top           K, the examples kept per channel
     * @param batch         images per forward pass (and per transaction)
     * @param preprocessing the person's preprocessing, or null for the model's
     * @param interpolation the person's resampling, or null for Keras's nearest
     */
    public record Options(List<String> layers, int top, int batch, Preprocessing preprocessing,
            Interpolation interpolation) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Options {
            layers = List.copyOf(layers);
            if (top < 1 || batch < 1) {
                throw new IllegalArgumentException("top and batch must be positive");
            }
        }
    }

    /** What a scan tells as it goes; a test also stops it through here. */
    public interface Listener {

        /**
         * After each batch is stored.
         *
         * @param done           images in the store
         * @param total          images in the set
         * @param imagesPerSecond the rate of this run so far
         */
        default void progress(int done, int total, double imagesPerSecond) {
        }

        /**
         * Inside a batch's transaction, every row written but not yet committed: whatever is
         * thrown here leaves the store as the previous batch left it.
         *
         * @param done the images the store would hold after this batch
         */
        default void beforeCommit(int done) {
        }
    }

    /**
     * How a scan ended.
     *
     * @param images  images in the set
     * @param resumed images the store already had when this run started
     * @param scanned images this run scanned
     * @param seconds how long this run took, from its first image read (the model's opening
     *                outside); for a finished store, how long finding that out took
     */
    public record Outcome(int images, int resumed, int scanned, double seconds) {

        /** @return images per second in this run */
        public double imagesPerSecond() {
            return seconds > 0 ? scanned / seconds : 0;
        }
    }

    private Scanner() {
    }

    /**
     * Scans the batches of a run elsewhere, e.g. on Spark executors: each range given is a run of
     * whole batches, scanned by a {@link PartWorker}. What is left to scan is cut into ranges of at
     * most {@link #mostBatches()} batches, started in the set's order without waiting for the ranges
     * before them, and folded into the store in that order as their parts come. At most
     * {@value Scanner#IN_FLIGHT} × {@link #parallelism()} ranges are started and not yet folded: each
     * worker has the next range waiting when it ends one (no worker waits for the slowest of a round),
     * and the parts held, like one batch, take memory bounded by the batch and the model, whatever
     * the size of the set.
     */
    public interface PartScanner {

        /** @return how many ranges are scanned at a time (e.g. one per executor core) */
        int parallelism();

        /** @return the most batches in a range, {@link Scanner#MAX_PART_BATCHES} by default */
        default int mostBatches() {
            return MAX_PART_BATCHES;
        }

        /**
         * Starts scanning a range and returns at once.
         *
         * @param range {@code [from, to)} of image indexes, whole batches
         * @throws IOException when the range cannot be handed over
         */
        Running start(int[] range) throws IOException;

        /** A range started. */
        interface Running {

            /**
             * @return the range's part, once scanned
             * @throws IOException when it could not be scanned
             */
            ScanPart part() throws IOException;

            /** Stops the range's scan if it still runs: the scan ended before folding its part. */
            void cancel();
        }
    }

    /** Ranges started and not yet folded, per unit of a {@link PartScanner}'s parallelism. */
    public static final int IN_FLIGHT = 2;

    /** The fewest ranges a worker of a {@link PartScanner} gets, where there are batches enough. */
    static final int RANGES_PER_WORKER = 4;

    /** The most batches a range handed to a {@link PartScanner} holds, unless it says otherwise. */
    public static final int MAX_PART_BATCHES = 64;

    /**
     * Scans {@code images} with {@code model} into {@code store}, continuing a scan the store holds
     * part of.
     *
     * @throws IOException       naming the model, an image or the store when one cannot be read or
     *                           written
     * @throws AnalysisException when a layer cannot be scanned or the store holds another scan
     */
    public static Outcome run(Path model, ImageSet images, Path store, Options options, Listener listener)
            throws IOException {
        return run(model, images, store, options, listener, null);
    }

    /**
     * Scans {@code images} with {@code model} into {@code store} as {@link #run(Path, ImageSet,
     * Path, Options, Listener)} does, with the batches scanned by {@code parts} when it is not null:
     * this process then only folds their parts into the store, in the set's order, one transaction
     * per part, so the store is the one a scan here would write, bit for bit.
     */
    public static Outcome run(Path model, ImageSet images, Path store, Options options, Listener listener,
            PartScanner parts) throws IOException {
        long start = System.nanoTime();
        try (ModelGraph graph = KerasModels.open(model)) {
            Plan plan = new Plan(graph, model, options);
            Map<String, String> identity = new LinkedHashMap<>();
            identity.put("model_sha256", sha256(model));
            identity.put("layers", String.join(",", plan.chosen.stream().map(AnalysisLayers.Chosen::name).toList()));
            identity.put("top_k", Integer.toString(options.top()));
            identity.put("preprocessing", plan.spec.preprocessing().name().toLowerCase(Locale.ROOT));
            identity.put("interpolation", plan.spec.interpolation().name().toLowerCase(Locale.ROOT));
            identity.put("images", Integer.toString(images.size()));
            identity.put("images_sha256", images.fingerprint());
            // the engine may round a batch of another size differently: a resumed scan keeps the size
            identity.put("batch", Integer.toString(options.batch()));
            Map<String, String> info = new LinkedHashMap<>();
            info.put("model_file", String.valueOf(model.getFileName()));
            info.put("model_name", graph.name());
            info.put("image_source", String.valueOf(images.source().toAbsolutePath()));
            info.put("classifier", Boolean.toString(plan.scoreNode != null));
            try (ScanStore s = ScanStore.openForScan(store, identity, info)) {
                int resumed = s.done();
                if (resumed >= images.size()) {
                    return new Outcome(images.size(), resumed, 0, seconds(start));
                }
                Map<String, LayerTally> tallies = s.tallies(options.top());
                if (parts != null) {
                    start = System.nanoTime();
                    int parallelism = Math.max(1, parts.parallelism());
                    List<int[]> ranges = ranges(resumed, images.size(), options.batch(), parallelism,
                            Math.max(1, parts.mostBatches()));
                    Deque<PartScanner.Running> running = new ArrayDeque<>();
                    try {
                        int next = 0;
                        while (next < ranges.size() || !running.isEmpty()) {
                            while (next < ranges.size() && running.size() < IN_FLIGHT * parallelism) {
                                running.add(parts.start(ranges.get(next++)));
                            }
                            ScanPart p = running.poll().part();
                            for (Map<String, LayerTally> batch : p.batches) {
                                plan.fold(tallies, batch);
                            }
                            plan.fold(tallies, p.exact);
                            int done = p.to;
                            s.commit(p.rows, new ArrayList<>(tallies.values()), done,
                                    () -> listener.beforeCommit(done));
                            double elapsed = seconds(start);
                            listener.progress(done, images.size(), elapsed > 0 ? (done - resumed) / elapsed : 0);
                        }
                    } finally {
                        // a part failed or the scan was stopped: what still runs is not wanted
                        for (PartScanner.Running r : running) {
                            r.cancel();
                        }
                    }
                    return new Outcome(images.size(), resumed, images.size() - resumed, seconds(start));
                }
                Batches batches = new Batches(images.items(), 0, plan.spec, ModelInputs.imageShape(graph));
                try (Network network = Engine.open(graph)) {
                    // the rate counts from the first image read (as a TensorFlow script's loop would),
                    // so opening the model and hashing it are outside; the first batch's costs are in
                    start = System.nanoTime();
                    for (int from = resumed; from < images.size(); from += options.batch()) {
                        int to = Math.min(images.size(), from + options.batch());
                        List<ScanStore.ImageRow> rows = new ArrayList<>(to - from);
                        plan.fold(tallies, plan.scanBatch(network, batches, from, to, rows));
                        int done = to;
                        s.commit(rows, new ArrayList<>(tallies.values()), done, () -> listener.beforeCommit(done));
                        double elapsed = seconds(start);
                        listener.progress(done, images.size(), elapsed > 0 ? (done - resumed) / elapsed : 0);
                    }
                }
                return new Outcome(images.size(), resumed, images.size() - resumed, seconds(start));
            }
        }
    }

    /**
     * Scans a run of whole batches of a set, as a Spark executor does for its partition: the same
     * batches, the same arithmetic as {@link #run}, the result kept for the driver to fold in.
     *
     * @param model   the model file
     * @param items   the images of the run, in the set's order
     * @param from    the index in the set of {@code items}' first, where a batch starts
     * @param options the scan's options
     * @throws IOException naming the model or an image when one cannot be read
     */
    public static ScanPart scanPart(Path model, List<ImageSet.Item> items, int from, Options options)
            throws IOException {
        try (PartWorker worker = new PartWorker(model, options)) {
            return worker.scan(items, from);
        }
    }

    /**
     * A model opened for scanning runs of a set, as {@link #scanPart} does, for as many runs as
     * it is given: the model is read and the engine's network built once. One thread at a time.
     */
    public static final class PartWorker implements AutoCloseable {

        private final ModelGraph graph;
        private final Plan plan;
        private final Network network;
        private final int[] want;
        private final int batch;

        /**
         * @throws IOException naming the model when it cannot be read
         */
        public PartWorker(Path model, Options options) throws IOException {
            graph = KerasModels.open(model);
            try {
                plan = new Plan(graph, model, options);
                want = ModelInputs.imageShape(graph);
                network = Engine.open(graph);
            } catch (RuntimeException e) {
                graph.close();
                throw e;
            }
            batch = options.batch();
        }

        /**
         * @param items the images of the run, in the set's order
         * @param from  the index in the set of {@code items}' first, where a batch starts
         * @return the run's part, for {@link #run} to fold in
         * @throws IOException naming an image when one cannot be read
         */
        public ScanPart scan(List<ImageSet.Item> items, int from) throws IOException {
            Batches batches = new Batches(items, from, plan.spec, want);
            int to = from + items.size();
            List<ScanStore.ImageRow> rows = new ArrayList<>(items.size());
            List<Map<String, LayerTally>> sums = new ArrayList<>();
            Map<String, LayerTally> exact = new LinkedHashMap<>();
            for (int b = from; b < to; b += batch) {
                Map<String, LayerTally> tallies = plan.scanBatch(network, batches, b, Math.min(to, b + batch), rows);
                for (LayerTally t : tallies.values()) {
                    LayerTally e = t.splitExact();
                    LayerTally had = exact.putIfAbsent(t.layer, e);
                    if (had != null) {
                        had.merge(e);
                    }
                }
                sums.add(tallies);
            }
            return new ScanPart(from, to, rows, sums, exact);
        }

        @Override
        public void close() {
            try {
                network.close();
            } finally {
                graph.close();
            }
        }
    }

    /**
     * {@code [from, total)} cut into ranges of whole batches, as even as can be: at most
     * {@code most} batches each, as many ranges as it takes and at least {@value #RANGES_PER_WORKER}
     * per worker (the last ranges, which no worker can share, are then short: a worker that ends its
     * last range early waits less for the others), rounded up to a multiple of {@code n} (so that
     * {@code n} workers scanning alike end together), but never more than there are batches.
     */
    static List<int[]> ranges(int from, int total, int batch, int n, int most) {
        int batches = (total - from + batch - 1) / batch;
        int rounds = Math.max(RANGES_PER_WORKER, (batches + n * most - 1) / (n * most));
        int parts = Math.max(1, Math.min(rounds * n, batches));
        List<int[]> out = new ArrayList<>(parts);
        int at = from;
        for (int p = 0; p < parts; p++) {
            int count = batches / parts + (p < batches % parts ? 1 : 0);
            int to = Math.min(total, at + count * batch);
            out.add(new int[] { at, to });
            at = to;
        }
        return out;
    }

    /** What a scan of one model with one set of options decides before the first image. */
    private static final class Plan {

        final List<AnalysisLayers.Chosen> chosen;
        final InputSpec spec;
        /** The node whose output is the class scores, or null for a model that is no classifier. */
        final String scoreNode;
        final List<String> nodes;
        final Map<String, ReceptiveField> fields;
        final int top;

        Plan(ModelGraph graph, Path model, Options options) {
            AnalysisLayers layers = AnalysisLayers.of(graph);
            chosen = choose(graph, layers, options.layers());
            spec = ModelInputs.spec(graph, model, options.preprocessing(), options.interpolation());
            scoreNode = isClassifier(graph) ? layers.scoreNode() : null;
            List<String> n = new ArrayList<>(chosen.stream().map(AnalysisLayers.Chosen::node).distinct().toList());
            if (scoreNode != null && !n.contains(scoreNode)) {
                n.add(scoreNode);
            }
            nodes = List.copyOf(n);
            fields = ReceptiveFields.of(graph);
            top = options.top();
        }

        /**
         * Runs one batch and adds its images, in order, to tallies of that batch alone.
         *
         * @param rows gets the batch's images
         * @return layer → the batch's tally, in the order chosen
         */
        Map<String, LayerTally> scanBatch(Network network, Batches batches, int from, int to,
                List<ScanStore.ImageRow> rows) throws IOException {
            Tensor input = batches.load(from, to);
            ForwardResult result = network.forward(input, nodes);
            network.clearCache();
            List<ScanStore.ImageRow> batchRows = predictions(batches, from, to, scoreNode == null
                    ? null
                    : output(result, scoreNode, scoreNode));
            Map<String, LayerTally> tallies = new LinkedHashMap<>();
            for (AnalysisLayers.Chosen c : chosen) {
                Tensor out = output(result, c.node(), c.name());
                LayerTally t = tally(c.name(), out, fields.get(c.name()), top);
                for (int i = 0; i < to - from; i++) {
                    t.add(out.data(), i, batchRows.get(i).name(), batchRows.get(i).predicted(), input.dim(1),
                            input.dim(2));
                }
                tallies.put(c.name(), t);
            }
            rows.addAll(batchRows);
            return tallies;
        }

        /** Merges {@code part} into the scan's {@code tallies}, making a layer's on its first part. */
        void fold(Map<String, LayerTally> tallies, Map<String, LayerTally> part) {
            for (AnalysisLayers.Chosen c : chosen) {
                LayerTally p = part.get(c.name());
                tallies.computeIfAbsent(c.name(), n -> p.emptyLike(fields.get(n))).merge(p);
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** A classifier: one output, (batch, classes) with more than one class. */
    private static boolean isClassifier(ModelGraph graph) {
        List<TensorShape> outs = graph.outputShapes();
        return outs.size() == 1 && outs.get(0).rank() == 2 && outs.get(0).dim(1) != null && outs.get(0).dim(1) > 1;
    }

    private static List<AnalysisLayers.Chosen> choose(ModelGraph graph, AnalysisLayers layers, List<String> asked) {
        if (!asked.equals(List.of(CONVS))) {
            return layers.chosen(asked);
        }
        List<AnalysisLayers.Chosen> convs = new ArrayList<>();
        for (Layer l : graph.allLayers()) {
            if (l.kerasClass().matches("(Separable|Depthwise)?Conv(olution)?2D|AtrousConvolution2D")
                    && layers.filterCount(l.id()) > 0) {
                convs.add(new AnalysisLayers.Chosen(l.id(), layers.names().nodes(l.id()).get(0)));
            }
        }
        if (convs.isEmpty()) {
            throw new AnalysisException(MessageBundles.bind(Messages.noConvs, graph.name()));
        }
        return convs;
    }

    private static Tensor output(ForwardResult result, String node, String name) {
        Tensor t = result.outputs().get(node);
        if (t == null) {
            var failure = result.failures().get(node);
            throw new AnalysisException(failure != null
                    ? failure.message()
                    : MessageBundles.bind(Messages.notComputed, name));
        }
        return t;
    }

    private static LayerTally tally(String name, Tensor out, ReceptiveField field, int k) {
        int[] s = out.shape();
        if (s.length == 4) {
            return new LayerTally(name, s[1], s[2], s[3], field, k);
        }
        if (s.length == 2) {
            return new LayerTally(name, 1, 1, s[1], null, k);
        }
        throw new AnalysisException(MessageBundles.bind(Messages.layerRank, name, Arrays.toString(s)));
    }

    private static List<ScanStore.ImageRow> predictions(Batches batches, int from, int to, Tensor scores) {
        List<ScanStore.ImageRow> rows = new ArrayList<>(to - from);
        for (int i = 0; i < to - from; i++) {
            String name = batches.item(from + i).name();
            if (scores == null) {
                rows.add(new ScanStore.ImageRow(from + i, name, -1, 0));
                continue;
            }
            int classes = scores.dim(1);
            int best = 0;
            float[] d = scores.data();
            for (int k = 1; k < classes; k++) {
                if (d[i * classes + k] > d[i * classes + best]) {
                    best = k;
                }
            }
            rows.add(new ScanStore.ImageRow(from + i, name, best, d[i * classes + best]));
        }
        return rows;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Loads a range of the set as one batch: image files as the model's preprocessing says,
     * {@code .npy} items as they are (already preprocessed). The last {@code .npy} file read is
     * kept, so a batch file is read once however many batches it spans.
     */
    private static final class Batches {

        private final List<ImageSet.Item> items;
        /** The index in the set of {@code items}' first. */
        private final int first;
        private final InputSpec spec;
        /** (1, H, W, C) of the model's input, {@link ModelInputs#ANY} where it takes any. */
        private final int[] want;
        private Path npyFile;
        private Tensor npy;

        Batches(List<ImageSet.Item> items, int first, InputSpec spec, int[] want) {
            this.items = items;
            this.first = first;
            this.spec = spec;
            this.want = want;
        }

        ImageSet.Item item(int index) {
            return items.get(index - first);
        }

        Tensor load(int from, int to) throws IOException {
            float[] data = null;
            int[] item = null;
            Path first = null;
            for (int i = from; i < to; i++) {
                ImageSet.Item it = item(i);
                Tensor t = it.index() < 0 ? ImageInputs.load(it.file(), spec).toTensor() : npyItem(it);
                int[] hwc = { t.dim(1), t.dim(2), t.dim(3) };
                if (item == null) {
                    item = hwc;
                    first = it.file();
                    data = new float[(to - from) * t.size()];
                } else if (!Arrays.equals(item, hwc)) {
                    throw new ImageLoadException(it.file(), MessageBundles.bind(Messages.itemSizeDiffers, it.name(),
                            Arrays.toString(hwc), first.getFileName(), Arrays.toString(item)));
                }
                System.arraycopy(t.data(), 0, data, (i - from) * t.size(), t.size());
            }
            return new Tensor(data, new int[] { to - from, item[0], item[1], item[2] });
        }

        private Tensor npyItem(ImageSet.Item it) throws IOException {
            if (!it.file().equals(npyFile)) {
                npy = null;
                Tensor t = Npy.read(it.file());
                if (t.rank() != 4) {
                    throw new ImageLoadException(it.file(),
                            MessageBundles.bind(Messages.npyRank, Arrays.toString(t.shape())));
                }
                for (int a = 1; a < 4; a++) {
                    if (want[a] != ModelInputs.ANY && want[a] != t.dim(a)) {
                        throw new ImageLoadException(it.file(), MessageBundles.bind(Messages.npyDoesNotFit,
                                Arrays.toString(t.shape()), Arrays.toString(Arrays.copyOfRange(want, 1, 4))));
                    }
                }
                npyFile = it.file();
                npy = t;
            }
            int size = npy.size() / npy.dim(0);
            float[] d = Arrays.copyOfRange(npy.data(), it.index() * size, (it.index() + 1) * size);
            return new Tensor(d, new int[] { 1, npy.dim(1), npy.dim(2), npy.dim(3) });
        }
    }
}
