package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.convscope.core.text.MessageBundles;
import org.convscope.scan.ImageSet;
import org.convscope.scan.Scanner;

/**
 * {@code convscope scan MODEL IMAGES --out STORE [--layers L1,L2|convs] [--top K] [--batch N]}:
 * what every channel of the chosen layers responds to across a whole image set, into a SQLite
 * store that a later run with the same arguments continues where this one stopped.
 */
public final class ScanCommand extends BaseCommand<ScanCommand.Options> {

    /** Progress lines at most this often, in nanoseconds. */
    private static final long PROGRESS_EVERY = 2_000_000_000L;

    public ScanCommand() {
        super("scan", Messages.scanSynopsis, Messages.scanDescription, Options::new, o -> o.model);
    }

    @Override
    int work(Options o, PrintStream out, PrintStream err) throws IOException {
        Path store = Arguments.required(o.out, Messages.scanOutMissing);
        ImageSet images = ImageSet.of(o.images);
        out.println(MessageBundles.bind(Messages.scanStart, images.size(), o.images, o.model.getFileName(),
                String.join(",", o.layers), o.top, o.batch, store));
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

    /** Parsed arguments. */
    static final class Options extends CommandOptions {

        Path images;
        List<String> layers = List.of(Scanner.CONVS);
        int top = 9;
        int batch = 32;

        Options() {
            super("--preprocess", "--interpolation", "--out");
        }

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.of("--layers", a -> layers = List.of(a.value().split(",")), "--top", a -> top = a.positive(),
                    "--batch", a -> batch = a.positive());
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
