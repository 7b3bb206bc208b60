package org.convscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.convscope.core.text.MessageBundles;
import org.convscope.engine.Engine;

/**
 * Entry point of the headless command line: {@code convscope <command> [args]}. Runs on a plain
 * classpath; nothing here touches Eclipse or OSGi.
 */
public final class Main {

    /** SLF4J simple logger's level for the libraries' logging; {@code --debug} turns it on. */
    static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    /**
     * Where SLF4J's simple logger writes. jHDF's jar carries a {@code simplelogger.properties}
     * that says standard output at level info; system properties take precedence over it.
     */
    static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";

    private final List<Command> commands;
    private final PrintStream out;
    private final PrintStream err;

    Main(List<Command> commands, PrintStream out, PrintStream err) {
        this.commands = List.copyOf(commands);
        this.out = out;
        this.err = err;
    }

    /** @return the commands this build offers, in the order {@code --help} lists them */
    static List<Command> allCommands() {
        return List.of(new SummaryCommand(), new ActivationsCommand(), new FiltersCommand(), new GradcamCommand(),
                new ExplainCommand(),
                new CompareCommand(), new DiffCommand(),
                new ScanCommand(), new ScanReportCommand());
    }

    public static void main(String[] args) {
        // Standard output is the command's alone: the libraries' log, when on, goes to stderr.
        System.setProperty(LOG_FILE, "System.err");
        if (System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, "off");
        }
        int code = new Main(allCommands(), System.out, System.err).run(List.of(args));
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; never throws. */
    int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            if (args.size() > 1) {
                return helpFor(args.get(1));
            }
            printHelp(out);
            return Command.OK;
        }
        if (args.get(0).equals("--version")) {
            out.println(MessageBundles.bind(Messages.version, Version.get()));
            out.println(MessageBundles.bind(Messages.versionEngine, ActivationsCommand.engineLabel()));
            return Command.OK;
        }
        Command command = find(args.get(0));
        if (command == null) {
            err.println(MessageBundles.bind(Messages.unknownCommand, args.get(0)));
            printHelp(err);
            return Command.USAGE;
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        boolean debug = rest.contains("--debug");
        if (debug && "off".equals(System.getProperty(LOG_LEVEL, "off"))) {
            // before the first logger is made, which reads the level once
            System.setProperty(LOG_LEVEL, "info");
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            return helpFor(command.name());
        }
        if (command.usesEngine(rest)) {
            Engine.loadInBackground();
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println(MessageBundles.bind(Messages.commandProblem, command.name(), e.getMessage()));
            err.println(MessageBundles.bind(Messages.usage, command.synopsis()));
            return Command.USAGE;
        } catch (IOException e) {
            // A bad model, image or tensor: the one line that names the file.
            err.println(MessageBundles.bind(Messages.commandProblem, command.name(), Problems.describe(e)));
            if (debug) {
                e.printStackTrace(err);
            }
            return Command.BAD_INPUT;
        } catch (AnalysisException e) {
            // The input cannot do what was asked: the analysis's one line, as for a bad file.
            err.println(MessageBundles.bind(Messages.commandProblem, command.name(), e.getMessage()));
            if (debug) {
                e.printStackTrace(err);
            }
            return Command.BAD_INPUT;
        } catch (OutOfMemoryError e) {
            // A model or input too large for this JVM's heap: the person can give it more.
            err.println(MessageBundles.bind(Messages.commandProblem, command.name(),
                    MessageBundles.bind(Messages.outOfMemory, describe(e))));
            return Command.BAD_INPUT;
        } catch (Exception | StackOverflowError e) {
            // Deliberately broad, the one such catch of the command line: anything else is a bug in
            // Convscope. Say so rather than pass it off as a problem of the input, and point to the
            // trace (a command line has no error log to keep it in).
            err.println(MessageBundles.bind(Messages.internalError, command.name(), e.getClass().getName(),
                    describe(e)));
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println(Messages.debugHint);
            }
            return Command.INTERNAL_ERROR;
        }
    }

    private int helpFor(String name) {
        Command command = find(name);
        if (command == null) {
            err.println(MessageBundles.bind(Messages.unknownCommand, name));
            return Command.USAGE;
        }
        out.println(MessageBundles.bind(Messages.usage, command.synopsis()));
        if (!command.description().isEmpty()) {
            out.println();
            out.println(command.description());
        }
        return Command.OK;
    }

    private Command find(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private void printHelp(PrintStream stream) {
        stream.println(MessageBundles.bind(Messages.helpTitle, Version.get()));
        stream.println();
        Messages.helpUsage.lines().forEach(stream::println);
        stream.println();
        stream.println(Messages.helpCommands);
        for (Command c : commands) {
            stream.printf("  %-12s %s%n", c.name(), c.description());
            stream.printf("  %-12s %s%n", "", MessageBundles.bind(Messages.helpSynopsis, c.synopsis()));
        }
        stream.println();
        Messages.helpOptions.lines().forEach(stream::println);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
