package org.convscope.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The command line run in-process, as a person would type it, with its output and errors kept. */
final class CommandLine {

    /** The bundled sample model and two of its digits, as paths a person would type. */
    static final String SAMPLE_MODEL = inRepository("bundles/org.convscope.samples/models/mnist_convnet.keras")
            .toString();
    static final String DIGIT_3 = inRepository("bundles/org.convscope.samples/images/digit_3_0.png").toString();
    static final String DIGIT_7 = inRepository("bundles/org.convscope.samples/images/digit_7_0.png").toString();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** @return the exit code of {@code args} run with {@code commands} */
    int run(List<Command> commands, String... args) {
        Main main = new Main(commands, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return main.run(List.of(args));
    }

    /** @return the exit code of {@code args} run with the product's commands */
    int run(String... args) {
        return run(Main.allCommands(), args);
    }

    /** @return {@code relative} in the repository, found above the tests' working folder */
    static Path inRepository(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    /** @return everything written to standard output so far */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return everything written to standard error so far */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
