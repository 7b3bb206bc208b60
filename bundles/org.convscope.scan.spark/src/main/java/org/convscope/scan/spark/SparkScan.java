package org.convscope.scan.spark;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.image.Interpolation;
import org.convscope.core.image.Preprocessing;
import org.convscope.core.text.MessageBundles;
import org.convscope.scan.ImageSet;
import org.convscope.scan.ScanPart;
import org.convscope.scan.Scanner;

/**
 * {@code convscope scan} as an Apache Spark job:
 * {@code SparkScan MODEL IMAGES --out STORE [--layers L1,L2|convs] [--top K] [--batch N]
 * [--preprocess P] [--interpolation I] [--partitions N] [--master M]}. The driver lists the images
 * and cuts what is left to scan into runs of whole batches (at most
 * {@value Scanner#MAX_PART_BATCHES} each), one Spark job of one partition each, started
 * asynchronously with at most {@value Scanner#IN_FLIGHT} × N not yet folded (N is
 * {@code --partitions}, by default Spark's default parallelism), so that an executor core that ends
 * a run takes the next at once; each executor runs the engine on its run
 * ({@link Scanner.PartWorker}, opened once per executor core); the driver folds the parts into the
 * store in the set's order as they come, one transaction per part. The store is the one
 * {@code convscope scan} writes without Spark, bit for bit, and either continues a scan the other
 * stopped.
 */
public final class SparkScan {

    /** Exit codes, as the command line's. */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** Parsed arguments. */
    static final class Arguments {

        Path model;
        Path images;
        Path out;
        List<String> layers = List.of(Scanner.CONVS);
        int top = 9;
        int batch = 32;
        Preprocessing preprocessing;
        Interpolation interpolation;
        /** Partitions, 0 for Spark's default parallelism. */
        int partitions;
        /** The master, or null for the one spark-submit sets. */
        String master;

        Scanner.Options options() {
            return new Scanner.Options(layers, top, batch, preprocessing, interpolation);
        }
    }

    private SparkScan() {
    }

    /** Runs the job; exits with 0 when the store holds the whole scan. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code: 0 done, 1 failed (said on {@code err}), 2 wrong arguments */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = parse(List.of(args));
        } catch (IllegalArgumentException | AnalysisException e) {
            err.println(MessageBundles.bind(Messages.usage, e.getMessage()));
            return USAGE;
        }
        try {
            return scan(a, out, err);
        } catch (IOException | RuntimeException e) {
            err.println(MessageBundles.bind(Messages.failed, a.model, describe(e)));
            return FAILED;
        }
    }

    /** What went wrong, for a person: the first message in the chain of causes, Spark's wrapping skipped. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getClass().getName().startsWith("org.apache.spark")) {
                return t.getMessage();
            }
        }
        return e.toString();
    }

    private static int scan(Arguments a, PrintStream out, PrintStream err) throws IOException {
        Stamps.mark(Messages.stampMain);
        SparkConf conf = conf(MessageBundles.bind(Messages.appName, a.model.getFileName()), a.master);
        String model = a.model.toAbsolutePath().toString();
        Scanner.Options options = a.options();
        if (conf.get("spark.master", "").startsWith("local")) {
            prepareInBackground(model, options);
        }
        ImageSet images = ImageSet.of(a.images);
        Stamps.mark(MessageBundles.bind(Messages.stampListed, images.size()));
        Scanner.Outcome outcome;
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            Stamps.mark(Messages.stampSparkReady);
            int parallelism = a.partitions > 0 ? a.partitions : spark.defaultParallelism();
            outcome = Scanner.run(a.model, images, a.out, options, new Scanner.Listener() {

                @Override
                public void progress(int done, int total, double imagesPerSecond) {
                    err.println(MessageBundles.bind(Messages.progress, done, total,
                            String.format(Locale.ROOT, "%.0f", imagesPerSecond)));
                }
            }, new Scanner.PartScanner() {

                @Override
                public int parallelism() {
                    return parallelism;
                }

                @Override
                public Running start(int[] range) {
                    SparkPart part = new SparkPart(model, images.items().subList(range[0], range[1]), range[0],
                            options);
                    Stamps.mark(MessageBundles.bind(Messages.stampHandedOut, range[0]));
                    // a Spark job of one partition: Spark runs the jobs started in the order they
                    // came, each on the first executor core free
                    return new SparkRun(spark.parallelize(List.of(part), 1).map(SparkPart::scan).collectAsync(),
                            range[0]);
                }
            });
        } finally {
            SparkPart.closeIdle();
        }
        Stamps.mark(Messages.stampStored);
        if (outcome.scanned() == 0) {
            out.println(MessageBundles.bind(Messages.alreadyDone, a.out, outcome.images()));
            return OK;
        }
        if (outcome.resumed() > 0) {
            out.println(MessageBundles.bind(Messages.resumed, outcome.resumed(), outcome.images()));
        }
        out.println(MessageBundles.bind(Messages.done, outcome.scanned(),
                String.format(Locale.ROOT, "%.1f", outcome.seconds()),
                String.format(Locale.ROOT, "%.0f", outcome.imagesPerSecond()), a.out));
        return OK;
    }

    /** A range's Spark job, started. */
    private record SparkRun(JavaFutureAction<List<ScanPart>> job, int from) implements Scanner.PartScanner.Running {

        @Override
        public ScanPart part() throws IOException {
            try {
                ScanPart part = job.get().get(0);
                Stamps.mark(MessageBundles.bind(Messages.stampCollected, from));
                return part;
            } catch (InterruptedException e) {
                job.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(e.getMessage());
            } catch (ExecutionException e) {
                // Spark's own exception, as a job that is waited for throws it: run() says what it holds
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error r) {
                    throw r;
                }
                throw new IOException(e.getCause());
            }
        }

        @Override
        public void cancel() {
            job.cancel(true);
        }
    }

    /**
     * The job's Spark settings (the scan's and {@link WarmUp}'s): a plain context, without the web
     * UI (its Jetty server and pages are a second of the start) or the progress bar on the console
     * (the job prints its own progress); what spark-submit's {@code --conf} sets wins.
     *
     * @param master the master, or null for the one spark-submit sets
     */
    static SparkConf conf(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return conf;
    }

    /**
     * In {@code local} mode the executors run in this process: the engine's native library loads
     * (seconds) and the first task's model opens on a thread of its own, while the images are
     * listed and Spark starts, rather than after. A failure is left for the task, which opens the
     * model again and says why.
     */
    private static void prepareInBackground(String model, Scanner.Options options) {
        Thread t = new Thread(() -> {
            try {
                SparkPart.prepare(model, options);
                Stamps.mark(Messages.stampPrepared);
            } catch (IOException | RuntimeException e) {
                // the task opening the model meets the same problem, and the job reports it
            }
        }, "convscope-prepare");
        t.setDaemon(true);
        t.start();
    }

    /**
     * @throws IllegalArgumentException saying what is wrong
     */
    static Arguments parse(List<String> args) {
        Arguments a = new Arguments();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(MessageBundles.bind(Messages.noValue, arg));
            }
            String value = args.get(++i);
            switch (arg) {
                case "--out" -> a.out = Path.of(value);
                case "--layers" -> a.layers = Arrays.asList(value.split(","));
                case "--top" -> a.top = positive(arg, value);
                case "--batch" -> a.batch = positive(arg, value);
                case "--partitions" -> a.partitions = positive(arg, value);
                case "--preprocess" -> a.preprocessing = Preprocessing.named(value);
                case "--interpolation" -> a.interpolation = Interpolation.named(value);
                case "--master" -> a.master = value;
                default -> throw new IllegalArgumentException(MessageBundles.bind(Messages.unknownOption, arg));
            }
        }
        if (positional.size() != 2) {
            throw new IllegalArgumentException(Messages.arguments);
        }
        if (a.out == null) {
            throw new IllegalArgumentException(Messages.outMissing);
        }
        a.model = Path.of(positional.get(0));
        a.images = Path.of(positional.get(1));
        return a;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below, with the option
        }
        throw new IllegalArgumentException(MessageBundles.bind(Messages.notPositive, option, value));
    }
}
