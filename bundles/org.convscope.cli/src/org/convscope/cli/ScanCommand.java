package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.convscope.core.text.MessageBundles;
import org.convscope.scan.ImageSet;
import org.convscope.scan.Scanner;

/**
 * {@code convscope scan MODEL IMAGES --out STORE [--layers L1,L2|convs] [--top K] [--batch N]
 * [--spark MASTER]}: what every channel of the chosen layers responds to across a whole image set,
 * into a SQLite store that a later run with the same arguments continues where this one stopped;
 * with {@code --spark}, the same store written by the scan's Spark job ({@link SparkJob}).
 */
public final class ScanCommand extends BaseCommand<ScanCommand.Options> {

    /** Progress lines at most this often, in nanoseconds. */
    private static final long PROGRESS_EVERY = 2_000_000_000L;

    public ScanCommand() {
        super("scan", Messages.scanSynopsis, Messages.scanDescription, Options::new, o -> o.model);
    }

    /**
     * With {@code --spark} the engine runs in the job's process, not here: loading its native
     * library here too would take a core from the job's start.
     */
    @Override
    public boolean usesEngine(List<String> args) {
        return !args.contains("--spark");
    }

    @Override
    int work(Options o, PrintStream out, PrintStream err) throws IOException {
        Path store = Arguments.required(o.out, Messages.scanOutMissing);
        ImageSet images = ImageSet.of(o.images);
        out.println(MessageBundles.bind(Messages.scanStart, images.size(), o.images, o.model.getFileName(),
                String.join(",", o.layers), o.top, o.batch, store));
        if (o.spark != null) {
            return spark(o, store, out, err);
        }
        Scanner.Outcome outcome = Scanner.run(o.model, images, store,
                new Scanner.Options(o.layers, o.top, o.batch, o.preprocessing, o.interpolation),
                new Scanner.Listener() {

                    private long last = System.nanoTime();

                    @Override
                    public void progress(int done, int total, double imagesPerSecond) {
                        long now = System.nanoTime();
                        if (now - last >= PROGRESS_EVERY || done == total) {
                            last = now;
                            err.println(MessageBundles.bind(Messages.scanProgress, done, total,
                                    String.format(Locale.ROOT, "%.0f", imagesPerSecond), imagesPerSecond > 0
                                            ? String.format(Locale.ROOT, "%.0f", (total - done) / imagesPerSecond)
                                            : "?"));
                        }
                    }
                });
        if (outcome.scanned() == 0) {
            out.println(MessageBundles.bind(Messages.scanAlreadyDone, store, outcome.images()));
            return OK;
        }
        if (outcome.resumed() > 0) {
            out.println(MessageBundles.bind(Messages.scanResumed, outcome.resumed(), outcome.images()));
        }
        out.println(MessageBundles.bind(Messages.scanDone, outcome.scanned(),
                String.format(Locale.ROOT, "%.1f", outcome.seconds()),
                String.format(Locale.ROOT, "%.0f", outcome.imagesPerSecond()), store));
        return OK;
    }

    /**
     * Runs the scan as the Spark job, which prints what this command would (its lines pass
     * through); the job's failure it has said on stderr.
     */
    private static int spark(Options o, Path store, PrintStream out, PrintStream err) throws IOException {
        Path job = SparkJob.find(System.getenv(SparkJob.JOB_ENV));
        List<String> arguments = new ArrayList<>(List.of(o.model.toString(), o.images.toString(), "--out",
                store.toString(), "--layers", String.join(",", o.layers), "--top", Integer.toString(o.top), "--batch",
                Integer.toString(o.batch)));
        if (o.preprocessing != null) {
            arguments.addAll(List.of("--preprocess", o.preprocessing.name()));
        }
        if (o.interpolation != null) {
            arguments.addAll(List.of("--interpolation", o.interpolation.name()));
        }
        String sparkHome = System.getenv(SparkJob.SPARK_HOME_ENV);
        List<String> command = SparkJob.command(job, o.spark, sparkHome, System.getProperty("java.class.path", ""),
                SparkJob.jvmOptions(), arguments);
        // the job's own JVM starts from a class-data-sharing archive; spark-submit's is its own
        JobArchive archive = sparkHome == null || sparkHome.isBlank()
                ? JobArchive.of(JobArchive.folder(System.getenv()), Path.of(System.getProperty("java.home")), job,
                        command)
                : null;
        int code = SparkJob.run(archive != null ? archive.apply(command) : command, out, err);
        if (archive != null) {
            archive.finish(code);
        }
        if (code != OK) {
            err.println(MessageBundles.bind(Messages.sparkJobFailed, code, job));
            return BAD_INPUT;
        }
        return OK;
    }

    /** Parsed arguments. */
    static final class Options extends CommandOptions {

        Path images;
        List<String> layers = List.of(Scanner.CONVS);
        int top = 9;
        int batch = 32;
        /** {@code --spark MASTER}: Spark's master URL, or null to scan in this process. */
        String spark;

        Options() {
            super("--preprocess", "--interpolation", "--out");
        }

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.of("--layers", a -> layers = List.of(a.value().split(",")), "--top", a -> top = a.positive(),
                    "--batch", a -> batch = a.positive(), "--spark", a -> spark = a.value());
        }

        /** MODEL, then IMAGES. */
        @Override
        void positional(List<String> arguments) {
            Arguments.expect(arguments, 2, 2, Messages.scanArguments, Messages.scanArguments, Messages.scanArguments);
            model = Path.of(arguments.get(0));
            images = Path.of(arguments.get(1));
        }
    }
}
