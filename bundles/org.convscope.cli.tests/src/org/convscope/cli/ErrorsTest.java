package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.analysis.AnalysisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the analyses refuse reaches the person as one line and exit code 1; anything else is a bug
 * and says so, with the way to its stack trace.
 */
class ErrorsTest {

    private final CommandLine cli = new CommandLine();

    private static Path sample(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("bundles/org.convscope.samples").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
    }

    private static final String MODEL = sample("models/mnist_convnet.keras").toString();
    private static final String DIGIT = sample("images/digit_3_0.png").toString();

    /** One line naming the command and the model, no exception class, exit code 1. */
    private void assertOneCleanLine(String command, String expectedPart) {
        List<String> lines = cli.err().lines().toList();
        assertEquals(1, lines.size(), cli.err());
        assertTrue(lines.get(0).startsWith("convscope " + command + ": mnist_convnet.keras: "), cli.err());
        assertTrue(lines.get(0).contains(expectedPart), cli.err());
        assertFalse(cli.err().contains("Exception") || cli.err().contains("internal error"), cli.err());
    }

    @Test
    void activationsOfALayerTheModelLacks(@TempDir Path dir) {
        assertEquals(Command.BAD_INPUT,
                cli.run("activations", MODEL, DIGIT, "--layers", "conv2d_9", "--out", dir.resolve("a").toString()));
        assertOneCleanLine("activations", "no layer 'conv2d_9'");
    }

    @Test
    void filtersOfALayerWithoutFilters(@TempDir Path dir) {
        assertEquals(Command.BAD_INPUT, cli.run("filters", MODEL, "--layer", "dense_2", "--steps", "1", "--out",
                dir.resolve("f.png").toString()));
        assertOneCleanLine("filters", "dense_2 has a 2-D output");
    }

    @Test
    void gradcamOfAClassTheModelLacks(@TempDir Path dir) {
        assertEquals(Command.BAD_INPUT,
                cli.run("gradcam", MODEL, DIGIT, "--class", "12", "--out", dir.resolve("c.png").toString()));
        assertOneCleanLine("gradcam", "has 10 classes, not 13");
    }

    @Test
    void anOptionValueTheAnalysisDoesNotKnowIsAUsageError() {
        assertEquals(Command.USAGE, cli.run("activations", MODEL, DIGIT, "--colormap", "parula"));
        assertTrue(cli.err().startsWith("convscope activations: "), cli.err());
        assertTrue(cli.err().contains("usage: convscope activations"), cli.err());
    }

    @Test
    void aBugSaysItIsOneAndWhereItsTraceIs() {
        List<Command> broken = List.of(new Failing(new IllegalStateException("index 3 out of 2")));
        assertEquals(Command.INTERNAL_ERROR, cli.run(broken, "broken"));
        List<String> lines = cli.err().lines().toList();
        assertEquals(2, lines.size(), cli.err());
        assertTrue(lines.get(0).startsWith("convscope broken: internal error"), cli.err());
        assertTrue(lines.get(0).contains("java.lang.IllegalStateException: index 3 out of 2"), cli.err());
        assertTrue(lines.get(1).contains("--debug"), cli.err());
    }

    @Test
    void aBugWithDebugPrintsItsStackTrace() {
        List<Command> broken = List.of(new Failing(new IllegalArgumentException("negative size")));
        assertEquals(Command.INTERNAL_ERROR, cli.run(broken, "broken", "--debug"));
        assertTrue(cli.err().startsWith("convscope broken: internal error"), cli.err());
        assertTrue(cli.err().contains("\tat org.convscope.cli.ErrorsTest"), "the stack trace: " + cli.err());
    }

    @Test
    void anAnalysisErrorOfAnyCommandIsOneLine() {
        List<Command> refusing = List.of(new Failing(new AnalysisException("model.h5 takes no image")));
        assertEquals(Command.BAD_INPUT, cli.run(refusing, "broken"));
        assertEquals("convscope broken: model.h5 takes no image", cli.err().strip());
    }

    /** A command that throws what it is given. */
    private static final class Failing implements Command {

        private final RuntimeException failure;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public String synopsis() {
            return "broken";
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) {
            throw failure;
        }
    }
}
