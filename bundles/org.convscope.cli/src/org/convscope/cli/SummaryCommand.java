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
public final class SummaryCommand implements Command {

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public String synopsis() {
        return Messages.summarySynopsis;
    }

    @Override
    public String description() {
        return Messages.summaryDescription;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        boolean json = false;
        boolean expand = false;
        Path model = null;
        Path weights = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--expand-nested" -> expand = true;
                case "--debug" -> {
                    // stack traces: Main reads this flag
                }
                case "--weights" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(Messages.weightsNeedsFile, null);
                    }
                    weights = Path.of(args.get(++i));
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException(MessageBundles.bind(Messages.unknownOption, a), null);
                    }
                    if (model != null) {
                        throw new UsageException(Messages.oneModelOnly, null);
                    }
                    model = Path.of(a);
                }
            }
        }
        if (model == null) {
            throw new UsageException(Messages.modelMissing, null);
        }
        try (ModelGraph g = weights == null ? KerasModels.open(model) : KerasModels.open(model, weights)) {
            for (UnsupportedLayerException u : KerasModels.unsupportedLayers(g)) {
                err.println(MessageBundles.bind(Messages.commandWarning, name(), u.getMessage()));
            }
            out.print(json ? SummaryJson.text(g, true) + "\n" : SummaryText.of(g, expand));
            return OK;
        }
    }
}
