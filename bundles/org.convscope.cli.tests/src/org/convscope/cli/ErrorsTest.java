package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<Command> commands, String... args) {
        Main main = new Main(commands, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return main.run(List.of(args));
    }

    private int run(String... args) {
        return run(Main.allCommands(), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

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
        List<String> lines = err().lines().toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).startsWith("convscope " + command + ": mnist_convnet.keras: "), err());
        assertTrue(lines.get(0).contains(expectedPart), err());
        assertFalse(err().contains("Exception") || err().contains("internal error"), err());
    }

    @Test
    void activationsOfALayerTheModelLacks(@TempDir Path dir) {
        assertEquals(Command.BAD_INPUT,
                run("activations", MODEL, DIGIT, "--layers", "conv2d_9", "--out", dir.resolve("a").toString()));
        assertOneCleanLine("activations", "no layer 'conv2d_9'");
    }

    @Test
    void filtersOfALayerWithoutFilters(@TempDir Path dir) {
        assertEquals(Command.BAD_INPUT, run("filters", MODEL, "--layer", "dense_2", "--steps", "1", "--out",
                dir.resolve("f.png").toString()));
        assertOneCleanLine("filters", "dense_2 has a 2-D output");
    }

    @Test
    void gradcamOfAClassTheModelLacks(@TempDir Path dir) {
        assertEquals(Command.BAD_INPUT,
                run("gradcam", MODEL, DIGIT, "--class", "12", "--out", dir.resolve("c.png").toString()));
        assertOneCleanLine("gradcam", "has 10 classes, not 13");
    }

    @Test
    void anOptionValueTheAnalysisDoesNotKnowIsAUsageError() {
        assertEquals(Command.USAGE, run("activations", MODEL, DIGIT, "--colormap", "parula"));
        assertTrue(err().startsWith("convscope activations: "), err());
        assertTrue(err().contains("usage: convscope activations"), err());
    }

    @Test
    void aBugSaysItIsOneAndWhereItsTraceIs() {
        List<Command> broken = List.of(new Failing(new IllegalStateException("index 3 out of 2")));
        assertEquals(Command.INTERNAL_ERROR, run(broken, "broken"));
        List<String> lines = err().lines().toList();
        assertEquals(2, lines.size(), err());
        assertTrue(lines.get(0).startsWith("convscope broken: internal error"), err());
        assertTrue(lines.get(0).contains("java.lang.IllegalStateException: index 3 out of 2"), err());
        assertTrue(lines.get(1).contains("--debug"), err());
    }

    @Test
    void aBugWithDebugPrintsItsStackTrace() {
        List<Command> broken = List.of(new Failing(new IllegalArgumentException("negative size")));
        assertEquals(Command.INTERNAL_ERROR, run(broken, "broken", "--debug"));
        assertTrue(err().startsWith("convscope broken: internal error"), err());
        assertTrue(err().contains("\tat org.convscope.cli.ErrorsTest"), "the stack trace: " + err());
    }

    @Test
    void anAnalysisErrorOfAnyCommandIsOneLine() {
        List<Command> refusing = List.of(new Failing(new AnalysisException("model.h5 takes no image")));
        assertEquals(Command.BAD_INPUT, run(refusing, "broken"));
        assertEquals("convscope broken: model.h5 takes no image", err().strip());
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
