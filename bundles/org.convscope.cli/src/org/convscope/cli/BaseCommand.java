package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one shape of a command: its word, synopsis and description; its arguments parsed into
 * options ({@link Arguments}); its work on one model, where what the analysis refuses names the
 * model ({@link Problems#about}).
 *
 * @param <O> the parsed options
 */
abstract class BaseCommand<O extends CommandOptions> implements Command {

    /**
     * Where a command's model is.
     *
     * @param <O> its options
     */
    @FunctionalInterface
    interface ModelFile<O> {

        Path of(O options) throws IOException;
    }

    private final String name;
    private final String synopsis;
    private final String description;
    private final Supplier<O> options;
    private final ModelFile<O> model;

    /**
     * @param options makes the options the arguments are read into
     * @param model   the model file the options name
     */
    BaseCommand(String name, String synopsis, String description, Supplier<O> options, ModelFile<O> model) {
        this.name = name;
        this.synopsis = synopsis;
        this.description = description;
        this.options = options;
        this.model = model;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String synopsis() {
        return synopsis;
    }

    @Override
    public final String description() {
        return description;
    }

    /** A command on a model runs the engine (summary says otherwise): its library loads meanwhile. */
    @Override
    public boolean usesEngine() {
        return true;
    }

    @Override
    public final int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        O o = options.get();
        o.positional(Arguments.parse(args, o.optionPrefix(), o::read));
        return Problems.about(model.of(o), () -> work(o, out, err));
    }

    /** Does the command's work with {@code options}: the command's own part. */
    abstract int work(O options, PrintStream out, PrintStream err) throws IOException;
}
