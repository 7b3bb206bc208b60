package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.io.ModelFormatException;
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
        boolean debug = false;
        Path model = null;
        Path weights = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--expand-nested" -> expand = true;
                case "--debug" -> debug = true;
                case "--weights" -> {
                    if (i + 1 >= args.size()) {
                        return usage(err, "--weights needs a file");
                    }
                    weights = Path.of(args.get(++i));
                }
                default -> {
                    if (a.startsWith("-")) {
                        return usage(err, "unknown option " + a);
                    }
                    if (model != null) {
                        return usage(err, "one MODEL only");
                    }
                    model = Path.of(a);
                }
            }
        }
        if (model == null) {
            return usage(err, "MODEL missing");
        }
        try (ModelGraph g = weights == null ? KerasModels.open(model) : KerasModels.open(model, weights)) {
            for (UnsupportedLayerException u : KerasModels.unsupportedLayers(g)) {
                err.println("convscope summary: warning: " + u.getMessage());
            }
            out.print(json ? SummaryJson.text(g, true) + "\n" : SummaryText.of(g, expand));
            return OK;
        } catch (IOException e) {
            err.println("convscope summary: " + describe(e, model));
            if (debug) {
                e.printStackTrace(err);
            }
            return BAD_INPUT;
        }
    }

    private int usage(PrintStream err, String problem) {
        err.println("convscope summary: " + problem);
        err.println("usage: convscope " + synopsis());
        return USAGE;
    }

    /** One line naming the file: the reader's own message, or what the file system said. */
    private static String describe(IOException e, Path model) {
        if (e instanceof ModelFormatException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException n) {
            return (n.getFile() == null ? model : n.getFile()) + ": no such file";
        }
        if (e instanceof AccessDeniedException d) {
            return (d.getFile() == null ? model : d.getFile()) + ": permission denied";
        }
        return model + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
