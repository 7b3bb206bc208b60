package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
public final class SummaryCommand extends BaseCommand<SummaryCommand.Options> {

    public SummaryCommand() {
        super("summary", Messages.summarySynopsis, Messages.summaryDescription, Options::new, o -> o.model);
    }

    /** The summary reads the model only. */
    @Override
    public boolean usesEngine() {
        return false;
    }

    @Override
    int work(Options o, PrintStream out, PrintStream err) throws IOException {
        try (ModelGraph g = o.weights == null ? KerasModels.open(o.model) : KerasModels.open(o.model, o.weights)) {
            for (UnsupportedLayerException u : KerasModels.unsupportedLayers(g)) {
                err.println(MessageBundles.bind(Messages.commandWarning, name(), u.getMessage()));
            }
            out.print(o.json ? SummaryJson.text(g, true) + "\n" : SummaryText.of(g, o.expand));
            return OK;
        }
    }

    /** Parsed arguments. */
    static final class Options extends CommandOptions {

        boolean json;
        boolean expand;
        Path weights;

        @Override
        String optionPrefix() {
            return "-";
        }

        @Override
        Map<String, Consumer<Arguments>> options() {
            return Map.of("--json", a -> json = true, "--expand-nested", a -> expand = true, "--weights",
                    a -> weights = Path.of(a.value(Messages.weightsNeedsFile)));
        }

        @Override
        void positional(List<String> arguments) {
            modelOnly(arguments);
        }
    }
}
