package org.convscope.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of the {@code convscope} command line. */
public interface Command {

    /** Exit code of a command that did its work. */
    int OK = 0;
    /** Exit code when an input (model, image, tensor) is bad; the message went to stderr. */
    int BAD_INPUT = 1;
    /** Exit code when the arguments are wrong; the synopsis went to stderr. */
    int USAGE = 2;
    /** Exit code of a bug in Convscope; stderr says so and how to get the stack trace. */
    int INTERNAL_ERROR = 3;

    /** @return the word that selects this command, e.g. {@code summary} */
    String name();

    /** @return one line of usage, e.g. {@code summary MODEL [--json]} */
    String synopsis();

    /** @return one sentence saying what the command does */
    default String description() {
        return "";
    }

    /**
     * @return whether the command runs models, so that the engine's native library is worth
     *         loading while the command reads its arguments and the model
     */
    default boolean usesEngine() {
        return false;
    }

    /**
     * @param args the arguments after the command's name
     * @return whether this run of the command runs models here (by default {@link #usesEngine()})
     */
    default boolean usesEngine(List<String> args) {
        return usesEngine();
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @param out  where results go
     * @param err  where messages for the person go
     * @return the exit code
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
