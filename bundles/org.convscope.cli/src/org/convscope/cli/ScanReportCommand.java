package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.convscope.core.json.Json;
import org.convscope.core.text.MessageBundles;
import org.convscope.scan.ChannelSummary;
import org.convscope.scan.Example;
import org.convscope.scan.ScanStore;

/**
 * {@code convscope scan-report STORE [--layer L] [--json]}: a scanned layer's channels, best first
 * (by their maximum over the set), each with its top images, mean, standard deviation, maximum,
 * share of zeros and whether it is dead; without {@code --layer} the store's layers.
 */
public final class ScanReportCommand extends BaseCommand<ScanReportCommand.Options> {

    /** Top images a table row shows; {@code --json} gives all K. */
    private static final int TABLE_TOP = 3;

    public ScanReportCommand() {
        super("scan-report", Messages.scanReportSynopsis, Messages.scanReportDescription, Options::new,
                o -> o.model);
    }

    /** Reads a store: no engine. */
    @Override
    public boolean usesEngine() {
        return false;
    }

    @Override
    int work(Options o, PrintStream out, PrintStream err) throws IOException {
        try (ScanStore store = ScanStore.read(o.model)) {
            Map<String, String> manifest = store.manifest();
            if (o.layer == null) {
                out.println(
                        MessageBundles.bind(Messages.scanReportStore, o.model.getFileName(), manifest.get("model_file"),
                                store.done(), manifest.get("images"), manifest.get("top_k")));
                for (String layer : store.layers()) {
                    List<ChannelSummary> channels = store.channels(layer);
                    out.println(MessageBundles.bind(Messages.scanReportLayer, layer, channels.size(),
                            channels.stream().filter(ChannelSummary::dead).count()));
                }
                return OK;
            }
            List<ChannelSummary> channels = store.channels(o.layer);
            if (o.json) {
                out.print(Json.write(Map.of("channels", channels.stream().map(ScanReportCommand::json).toList()), true)
                        + "\n");
            } else {
                table(o, store, manifest, channels, out);
            }
            return OK;
        }
    }

    private static Map<String, Object> json(ChannelSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", c.channel());
        List<Map<String, Object>> top = new ArrayList<>();
        for (Example e : c.top()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("image", e.image());
            t.put("score", shortest(e.score()));
            t.put("y", e.y());
            t.put("x", e.x());
            top.add(t);
        }
        m.put("top", top);
        m.put("mean", c.mean());
        m.put("std", c.std());
        m.put("max", c.max());
        m.put("zeros", c.zeros());
        m.put("dead", c.dead());
        return m;
    }

    /** A float activation as its shortest decimal, not the double's 17 digits. */
    private static double shortest(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    private static void table(Options o, ScanStore store, Map<String, String> manifest, List<ChannelSummary> channels,
            PrintStream out) {
        out.println(MessageBundles.bind(Messages.scanReportTitle, o.layer, manifest.get("model_file"), store.done(),
                manifest.get("images"), o.model.getFileName()));
        out.printf("%7s %10s %10s %10s %7s %4s  %s%n", Messages.scanColumnChannel, Messages.columnMax,
                Messages.columnMean, Messages.scanColumnStd, Messages.columnZeros, Messages.scanColumnDead,
                MessageBundles.bind(Messages.scanColumnTop, TABLE_TOP));
        for (ChannelSummary c : channels) {
            String top = c.top().stream().limit(TABLE_TOP)
                    .map(e -> String.format(Locale.ROOT, "%s %.4g (%d,%d)", e.image(), e.score(), e.y(), e.x()))
                    .collect(Collectors.joining("; "));
            out.printf(Locale.ROOT, "%7d %10.4g %10.4g %10.4g %6.1f%% %4s  %s%n", c.channel(), c.max(), c.mean(),
                    c.std(), 100 * c.zeros(), c.dead() ? Messages.scanDeadMark : "", top);
        }
    }

    /** Parsed arguments. */
    static final class Options extends CommandOptions {

        boolean json;

        Options() {
            super("--layer");
        }

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.of("--json", a -> json = true);
        }

        /** STORE, kept as the model file: what a problem names. */
        @Override
        void positional(List<String> arguments) {
            Arguments.expect(arguments, 1, 1, Messages.scanStoreMissing, Messages.scanStoreMissing,
                    Messages.scanStoreMissing);
            model = Path.of(arguments.get(0));
        }
    }
}
