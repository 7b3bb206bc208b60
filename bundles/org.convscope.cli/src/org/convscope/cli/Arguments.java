package org.convscope.cli;

import java.util.ArrayList;
import java.util.List;

import org.convscope.core.text.MessageBundles;

/**
 * A command's arguments read one by one, the one parser every command shares: options with and
 * without values, {@code --debug} (which {@link Main} reads), positional arguments, and the usage
 * errors for what is missing or unknown.
 */
final class Arguments {

    /** What a command does with one of its options. */
    @FunctionalInterface
    interface Handler {

        /**
         * @param option the option, e.g. {@code --layer}
         * @param args   where to take its value from ({@link Arguments#value()})
         * @return whether the command knows the option
         */
        boolean option(String option, Arguments args);
    }

    private final List<String> args;
    private int at;
    private String option;

    private Arguments(List<String> args) {
        this.args = args;
    }

    /**
     * @param unknownPrefix arguments starting with this are options, and unknown ones a usage error
     * @return the positional arguments in order
     * @throws UsageException for an unknown option, a missing value, or a value an option refuses
     */
    static List<String> parse(List<String> args, String unknownPrefix, Handler handler) {
        return UsageException.parsing(() -> {
            Arguments a = new Arguments(args);
            List<String> positional = new ArrayList<>();
            for (; a.at < args.size(); a.at++) {
                String arg = args.get(a.at);
                a.option = arg;
                if (arg.equals("--debug") || handler.option(arg, a)) {
                    continue;
                }
                if (arg.startsWith(unknownPrefix)) {
                    throw new UsageException(MessageBundles.bind(Messages.unknownOption, arg));
                }
                positional.add(arg);
            }
            return positional;
        });
    }

    /** @return the value after the current option */
    String value() {
        return value(MessageBundles.bind(Messages.needsValue, option));
    }

    /** @return the value after the current option, or a usage error saying {@code missing} */
    String value(String missing) {
        if (at + 1 >= args.size()) {
            throw new UsageException(missing);
        }
        return args.get(++at);
    }

    /** @return the value after the current option as a whole number above 0 */
    int positive() {
        String s = value();
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below, as one out of range is
        }
        throw new UsageException(MessageBundles.bind(Messages.takesPositive, option, s));
    }

    /** @return the value after the current option as a whole number of at least {@code min} */
    int atLeast(int min) {
        String s = value();
        try {
            int v = Integer.parseInt(s);
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below, as one out of range is
        }
        throw new UsageException(MessageBundles.bind(Messages.takesAtLeast, option, min, s));
    }

    /** @return the value after the current option as a finite number */
    float decimal() {
        String s = value();
        try {
            float v = Float.parseFloat(s);
            if (Float.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below, as an infinite one is
        }
        throw new UsageException(MessageBundles.bind(Messages.takesNumber, option, s));
    }

    /**
     * @param none the usage error for no positional argument at all
     * @param few  the usage error for fewer than {@code min}
     * @param many the usage error for more than {@code max}
     * @return {@code positional}, when it holds {@code min} to {@code max} arguments
     */
    static List<String> expect(List<String> positional, int min, int max, String none, String few, String many) {
        if (positional.isEmpty() && min > 0) {
            throw new UsageException(none);
        }
        if (positional.size() < min || positional.size() > max) {
            throw new UsageException(positional.size() < min ? few : many);
        }
        return positional;
    }

    /** @return {@code value}, or a usage error saying {@code missing} when it is null */
    static <T> T required(T value, String missing) {
        if (value == null) {
            throw new UsageException(missing);
        }
        return value;
    }
}
