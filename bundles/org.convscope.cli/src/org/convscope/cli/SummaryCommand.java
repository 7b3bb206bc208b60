package org.convscope.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.keras.UnsupportedLayerException;
import org.convscope.core.model.ModelGraph;
import org.convscope.core.summary.SummaryJson;
import org.convscope.core.summary.SummaryText;

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
        return "summary MODEL [--json] [--expand-nested] [--weights WEIGHTS.h5] [--debug]";
    }

    @Override
    public String description() {
        return "print the model's layers, output shapes and parameter counts as Keras's model.summary() does";
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
                        throw new UsageException("--weights needs a file", null);
                    }
                    weights = Path.of(args.get(++i));
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a, null);
                    }
                    if (model != null) {
                        throw new UsageException("one MODEL only", null);
                    }
                    model = Path.of(a);
                }
            }
        }
        if (model == null) {
            throw new UsageException("MODEL missing", null);
        }
        try (ModelGraph g = weights == null ? KerasModels.open(model) : KerasModels.open(model, weights)) {
            for (UnsupportedLayerException u : KerasModels.unsupportedLayers(g)) {
                err.println("convscope summary: warning: " + u.getMessage());
            }
            out.print(json ? SummaryJson.text(g, true) + "\n" : SummaryText.of(g, expand));
            return OK;
        }
    }
}
