package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.convscope.core.diff.Difference;
import org.convscope.core.diff.LayerMatch;
import org.convscope.core.diff.MatchStatus;
import org.convscope.core.diff.StructureDiff;
import org.convscope.core.diff.WeightDifference;
import org.convscope.core.json.Json;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.progress.ProgressMonitor;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.analysis.LayerDivergence;
import org.convscope.engine.analysis.ModelDiff;
import org.convscope.engine.analysis.OutputAgreement;

/**
 * {@code convscope diff MODEL_A MODEL_B [INPUT...] [--json] [--threshold T]}: where two models
 * differ (layers matched by name, then by position; class, configuration, output shape, parameters,
 * weights) and, given inputs, where their computation starts to diverge.
 */
public final class DiffCommand extends BaseCommand<DiffCommand.Options> {

    public DiffCommand() {
        super("diff", Messages.diffSynopsis, Messages.diffDescription, Options::new, o -> o.model);
    }

    @Override
    int work(Options o, PrintStream out, PrintStream err) throws IOException {
        try (ModelGraph a = KerasModels.open(o.model); ModelGraph b = KerasModels.open(o.modelB)) {
            ModelDiff d = ModelDiff.compute(a, o.model, b, o.modelB, o.inputs, o.threshold, ProgressMonitor.NULL);
            d.skipped().ifPresent(s -> err.println(MessageBundles.bind(Messages.commandWarning, name(), s)));
            d.notCompared().forEach(s -> err.println(MessageBundles.bind(Messages.commandWarning, name(), s)));
            if (o.json) {
                out.print(Json.write(d.json(), true) + "\n");
            } else {
                text(d, a, o.model, b, o.modelB, out);
            }
            return OK;
        }
    }

    private static void text(ModelDiff d, ModelGraph a, Path fileA, ModelGraph b, Path fileB, PrintStream out) {
        StructureDiff s = d.structure();
        out.println(MessageBundles.bind(Messages.diffModel, "A", fileA.getFileName(), a.name(), a.allLayers().size()));
        out.println(MessageBundles.bind(Messages.diffModel, "B", fileB.getFileName(), b.name(), b.allLayers().size()));
        out.println(MessageBundles.bind(Messages.diffCounts, s.count(MatchStatus.SAME), s.count(MatchStatus.CHANGED),
                s.count(MatchStatus.ONLY_A), s.count(MatchStatus.ONLY_B)));
        List<LayerMatch> changed = s.matches().stream().filter(m -> m.status() == MatchStatus.CHANGED).toList();
        if (!changed.isEmpty()) {
            out.println();
            out.println(Messages.diffChanged);
            int width = changed.stream().mapToInt(m -> pairName(m).length()).max().orElse(0);
            for (LayerMatch m : changed) {
                out.printf("  %-" + width + "s  %s%n", pairName(m),
                        m.differences().stream().map(DiffCommand::difference).collect(Collectors.joining("; ")));
            }
        }
        for (MatchStatus only : List.of(MatchStatus.ONLY_A, MatchStatus.ONLY_B)) {
            List<LayerMatch> list = s.matches().stream().filter(m -> m.status() == only).toList();
            if (!list.isEmpty()) {
                out.println();
                out.println(only == MatchStatus.ONLY_A ? Messages.diffOnlyA : Messages.diffOnlyB);
                list.forEach(m -> out.println("  " + (only == MatchStatus.ONLY_A ? m.aName() : m.bName())));
            }
        }
        List<WeightDifference> weights = s.weights().stream().filter(w -> !w.same()).toList();
        if (!weights.isEmpty()) {
            out.println();
            out.println(Messages.diffWeights);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] { Messages.columnLayer, Messages.diffColumnWeight, Messages.columnShape,
                    Messages.diffColumnMaxAbs, Messages.diffColumnRel });
            for (WeightDifference w : weights) {
                rows.add(new String[] { w.layer(), w.weight(), shapes(w), number(w.maxAbs()), number(w.rel()) });
            }
            table(rows, 3, out);
        }
        out.println();
        if (d.activations().isEmpty()) {
            out.println(d.skipped().orElse(Messages.diffNoInputs));
            return;
        }
        out.println(MessageBundles.bind(Messages.diffActivations, d.inputs(), number(d.threshold())));
        String first = d.firstDivergence().map(LayerDivergence::layer).orElse(null);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "", Messages.columnLayer, Messages.diffColumnMaxAbs, Messages.diffColumnRel,
                Messages.diffColumnCosine });
        for (LayerDivergence l : d.activations().get()) {
            String name = l.layer().equals(l.bLayer()) ? l.layer() : l.layer() + " -> " + l.bLayer();
            rows.add(new String[] { l.layer().equals(first) ? ">" : "", name, number(l.maxAbs()), number(l.rel()),
                    cosine(l.cosine()) });
        }
        table(rows, 2, out);
        d.outputs().ifPresent(g -> out.println(outputs(g)));
        out.println(d.firstDivergence()
                .map(f -> MessageBundles.bind(Messages.diffFirstDivergence, f.layer(), number(f.rel()),
                        number(d.threshold())))
                .orElse(MessageBundles.bind(Messages.diffNoDivergence, number(d.threshold()))));
    }

    private static String outputs(OutputAgreement g) {
        return MessageBundles.bind(Messages.diffOutputs, number(g.top1Agreement()),
                Math.round(g.top1Agreement() * g.inputs()), g.inputs(), number(g.top5Overlap()));
    }

    private static String pairName(LayerMatch m) {
        return m.aName().equals(m.bName()) ? m.aName() : m.aName() + " -> " + m.bName();
    }

    private static String difference(Difference d) {
        if (d.field().startsWith("weights.")) {
            return d.field();
        }
        return d.field() + " " + value(d.a()) + " -> " + value(d.b());
    }

    private static String value(Object v) {
        if (v instanceof List<?> l && l.stream().allMatch(x -> x == null || x instanceof Number)) {
            return l.stream().map(x -> x == null ? "None" : x.toString()).collect(Collectors.joining(", ", "(",
                    l.size() == 1 ? ",)" : ")"));
        }
        return Json.write(v, false);
    }

    /** @return the weight's shape, or both when they differ ({@code -} for a side that lacks it) */
    private static String shapes(WeightDifference w) {
        String a = w.aShape() == null ? "-" : value(w.aShape());
        String b = w.bShape() == null ? "-" : value(w.bShape());
        return a.equals(b) ? a : a + " -> " + b;
    }

    /** @return a cosine similarity: six decimals, so that 0.99999 is not shown as 1 */
    private static String cosine(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        String t = String.format(Locale.ROOT, "%.6f", v);
        return t.contains(".") ? t.replaceAll("0+$", "").replaceAll("\\.$", "") : t;
    }

    /** @return {@code v} with four significant digits, trailing zeros dropped; {@code -} when it could not be computed */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        if (v == 0) {
            return "0";
        }
        String t = String.format(Locale.ROOT, "%.4g", v);
        int e = t.indexOf('e');
        String mantissa = e < 0 ? t : t.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + t.substring(e);
    }

    /** Prints rows as columns: the first {@code left} left-aligned, the others (numbers) right-aligned. */
    private static void table(List<String[]> rows, int left, PrintStream out) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < r.length; i++) {
                line.append(' ').append(String.format("%" + (i < left ? "-" : "") + Math.max(1, width[i]) + "s", r[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Parsed arguments. */
    static final class Options extends CommandOptions {

        Path modelB;
        final List<Path> inputs = new ArrayList<>();
        boolean json;
        double threshold = ModelDiff.DEFAULT_THRESHOLD;

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.of("--json", a -> json = true, "--threshold", a -> threshold = nonNegative(a));
        }

        private static double nonNegative(Arguments a) {
            String s = a.value();
            try {
                double t = Double.parseDouble(s);
                if (Double.isFinite(t) && t >= 0) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // refused below, as a negative one is
            }
            throw new UsageException(MessageBundles.bind(Messages.diffThresholdValues, s));
        }

        /** MODEL_A, MODEL_B, then the inputs. */
        @Override
        void positional(List<String> arguments) {
            Arguments.expect(arguments, 2, Integer.MAX_VALUE, Messages.diffModelsMissing, Messages.diffModelsMissing,
                    null);
            model = Path.of(arguments.get(0));
            modelB = Path.of(arguments.get(1));
            arguments.subList(2, arguments.size()).forEach(p -> inputs.add(Path.of(p)));
        }
    }
}
