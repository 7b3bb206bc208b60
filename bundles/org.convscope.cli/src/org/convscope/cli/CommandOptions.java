package org.convscope.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.convscope.core.image.Interpolation;
import org.convscope.core.image.Preprocessing;

/**
 * A command's parsed arguments. The options several commands share are read here, once, for the
 * commands that take them; each command reads its own ({@link #option}) and checks its positional
 * arguments ({@link #positional}).
 */
abstract class CommandOptions {

    private final Set<String> shared;
    /** The model, or null where a command has a default. */
    Path model;
    /** {@code --layer}. */
    String layer;
    /** {@code --preprocess}, or null for the model's. */
    Preprocessing preprocessing;
    /** {@code --interpolation}, or null for Keras's nearest. */
    Interpolation interpolation;
    /** {@code --out}, or null for the command's default. */
    Path out;

    /** @param shared the shared options this command takes, e.g. {@code --layer} */
    CommandOptions(String... shared) {
        this.shared = Set.of(shared);
    }

    /** @return what starts an option, so that an unknown one is a usage error */
    String optionPrefix() {
        return "--";
    }

    /** Reads {@code option}: a shared one this command takes, else the command's own. */
    final boolean read(String option, Arguments a) {
        if (!shared.contains(option)) {
            Consumer<Arguments> own = options().get(option);
            if (own != null) {
                own.accept(a);
            }
            return own != null;
        }
        switch (option) {
            case "--layer" -> layer = a.value();
            case "--preprocess" -> preprocessing = Preprocessing.named(a.value());
            case "--interpolation" -> interpolation = Interpolation.named(a.value());
            case "--out" -> out = Path.of(a.value());
            default -> throw new IllegalStateException("no shared option " + option);
        }
        return true;
    }

    /** @return the command's own options, each with what reads it (its value from the arguments) */
    abstract Map<String, Consumer<Arguments>> options();

    /** Takes MODEL as the one positional argument. */
    final void modelOnly(List<String> arguments) {
        Arguments.expect(arguments, 1, 1, Messages.modelMissing, Messages.modelMissing, Messages.oneModelOnly);
        model = Path.of(arguments.get(0));
    }

    /**
     * Takes the positional arguments, in order.
     *
     * @throws UsageException for too few or too many
     */
    abstract void positional(List<String> arguments);
}
