package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.npy.Npy;
import org.convscope.core.render.GridOptions;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;
import org.convscope.engine.Network;
import org.convscope.engine.analysis.AnalysisLayers;
import org.convscope.engine.analysis.ChannelDifference;
import org.convscope.engine.analysis.Comparison;

/**
 * {@code convscope compare MODEL IMAGE IMAGE... --layer L}: what the compare editor shows, headless —
 * one layer's outputs for several inputs, the channels ranked by how differently they respond, the
 * grids one above the other on one shared scale, then the difference A − B, and that difference as a tensor.
 */
public final class CompareCommand extends BaseCommand<CompareCommand.Options> {

    public CompareCommand() {
        super("compare", Messages.compareSynopsis, Messages.compareDescription, Options::new, o -> o.model);
    }

    /** Never writes over an input; runs each input, compares, prints and writes. */
    @Override
    int work(Options o, PrintStream out, PrintStream err) throws IOException {
        Path picture = o.out != null ? o.out : Path.of(GradcamCommand.stem(o.inputs.get(0)) + "_compare.png");
        notAnInput(picture, o.inputs);
        if (o.npy != null) {
            notAnInput(o.npy, o.inputs);
        }
        try (ModelGraph graph = KerasModels.open(o.model); Network network = Engine.open(graph)) {
            Comparison c = Comparison.compute(network, graph, o.model, AnalysisLayers.of(graph), o.inputs,
                    o.preprocessing, o.interpolation, o.layer);
            out.println(MessageBundles.bind(Messages.compareHeader, o.model.getFileName(), graph.name(), o.layer,
                    Comparison.shapeText(c.difference().shape()), String.join(", ", c.names()),
                    ActivationsCommand.engineLabel()));
            out.printf("%4s %7s %12s %12s %12s %12s%n", Messages.columnRank, Messages.columnChannel,
                    Messages.columnMeanA, Messages.columnMeanB, Messages.columnMeanAbsDiff, Messages.columnScore);
            List<ChannelDifference> ranking = c.ranking();
            for (int i = 0; i < Math.min(o.top, ranking.size()); i++) {
                ChannelDifference d = ranking.get(i);
                out.printf(Locale.ROOT, "%4d %7d %12s %12s %12s %12s%n", i + 1, d.channel(), number(d.meanA()),
                        number(d.meanB()), number(d.meanAbsDiff()), number(d.score()));
            }
            int[] shape = c.difference().shape();
            c.picture(GridOptions.defaults()
                    .withUpscale(GridOptions.readableUpscale(shape.length == 4 ? shape[2] : shape[shape.length - 2])))
                    .writePng(picture);
            out.println(MessageBundles.bind(Messages.wrote, picture));
            if (o.npy != null) {
                Npy.write(o.npy, c.difference());
                out.println(MessageBundles.bind(Messages.wroteDifference, o.npy));
            }
            return OK;
        }
    }

    /** @return {@code v} as the ranking prints it: six significant digits */
    static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** A result file never replaces an input. */
    static void notAnInput(Path file, List<Path> inputs) {
        Path f = file.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in.toAbsolutePath().normalize().equals(f)) {
                throw new UsageException(MessageBundles.bind(Messages.wouldOverwriteInput, file));
            }
        }
    }

    /** Parsed arguments. */
    static final class Options extends CommandOptions {

        final List<Path> inputs = new ArrayList<>();
        Path npy;
        int top = Integer.MAX_VALUE;

        Options() {
            super("--layer", "--preprocess", "--interpolation", "--out");
        }

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.of("--npy", a -> npy = Path.of(a.value()), "--top", a -> top = a.positive());
        }

        /** MODEL and two or more inputs; and a layer is needed. */
        @Override
        void positional(List<String> arguments) {
            Arguments.expect(arguments, 3, Integer.MAX_VALUE, Messages.modelMissing, Messages.twoImagesNeeded, null);
            model = Path.of(arguments.get(0));
            arguments.subList(1, arguments.size()).forEach(p -> inputs.add(Path.of(p)));
            Arguments.required(layer, Messages.compareLayerMissing);
        }
    }
}
