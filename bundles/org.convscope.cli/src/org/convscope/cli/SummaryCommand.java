package org.convscope.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.keras.UnsupportedLayerException;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.summary.SummaryJson;
import org.convscope.core.summary.SummaryText;
import org.convscope.core.text.MessageBundles;

/**
 * {@code convscope summary MODEL [--json]}: what Keras's {@code model.summary()} prints, or the
 * same as JSON. Layers of unknown classes are reported on stderr; the summary still prints.
 */
public final class SummaryCommand extends BaseCommand {

    public SummaryCommand() {
        super("summary", Messages.summarySynopsis, Messages.summaryDescription);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = new Options();
        List<String> positional = Arguments.parse(args, "-", o::option);
        if (positional.size() > 1) {
            throw new UsageException(Messages.oneModelOnly);
        }
        if (positional.isEmpty()) {
            throw new UsageException(Messages.modelMissing);
        }
        Path model = Path.of(positional.get(0));
        try (ModelGraph g = o.weights == null ? KerasModels.open(model) : KerasModels.open(model, o.weights)) {
            for (UnsupportedLayerException u : KerasModels.unsupportedLayers(g)) {
                err.println(MessageBundles.bind(Messages.commandWarning, name(), u.getMessage()));
            }
            out.print(o.json ? SummaryJson.text(g, true) + "\n" : SummaryText.of(g, o.expand));
            return OK;
        }
    }

    /** Parsed options. */
    private static final class Options {

        boolean json;
        boolean expand;
        Path weights;

        boolean option(String option, Arguments a) {
            switch (option) {
                case "--json" -> json = true;
                case "--expand-nested" -> expand = true;
                case "--weights" -> weights = Path.of(a.value(Messages.weightsNeedsFile));
                default -> {
                    return false;
                }
            }
            return true;
        }
    }
}
