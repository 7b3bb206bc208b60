package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a person uses it: exit codes, one-line errors, files written. */
class MainTest {

    private final CommandLine cli = new CommandLine();

    private static Path samples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("bundles/org.convscope.samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("samples not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(Command.OK, cli.run("--help"));
        for (String c : List.of("summary", "activations", "filters", "gradcam", "compare")) {
            assertTrue(cli.out().contains("convscope " + c + " "), c + " in\n" + cli.out());
        }
    }

    /**
     * The launcher script decides before starting a JVM whether its first argument is a command
     * or a model to open in the workbench: its list must name every command.
     */
    @Test
    void theLauncherScriptKnowsEveryCommand() throws IOException {
        String script = Files.readString(samples().resolveSibling("..").resolve("convscope").normalize());
        Matcher m = Pattern.compile("(?m)^commands=\" ([a-z -]+) \"$").matcher(script);
        assertTrue(m.find(), "no commands=\" ... \" line in ./convscope");
        List<String> listed = List.of(m.group(1).split(" "));
        assertEquals(Main.allCommands().stream().map(Command::name).sorted().toList(),
                listed.stream().sorted().toList());
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(Command.USAGE, cli.run("sumary"));
        assertTrue(cli.err().startsWith("convscope: unknown command 'sumary'"), cli.err());
    }

    @Test
    void wrongArgumentsPrintTheCommandsSynopsis() {
        assertEquals(Command.USAGE, cli.run("activations", "--per-row", "zero"));
        assertTrue(cli.err().startsWith("convscope activations: --per-row takes a whole number"), cli.err());
        assertTrue(cli.err().contains("usage: convscope activations"), cli.err());
    }

    @Test
    void aMissingFileIsNamed() {
        assertEquals(Command.BAD_INPUT, cli.run("summary", "/no/such/model.h5"));
        assertEquals("convscope summary: /no/such/model.h5: no such file", cli.err().strip());
    }

    @Test
    void summaryOfTheSampleMatchesKeras() {
        assertEquals(Command.OK, cli.run("summary", samples().resolve("models/mnist_convnet.keras").toString()));
        assertTrue(cli.out().contains("conv2d_1 (Conv2D)"), cli.out());
        assertTrue(cli.out().contains("Total params: 93,322"), cli.out());
    }

    @Test
    void aBadFileGetsOneLineNamingItAndExitCodeOne(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("model.h5");
        Files.write(bad, new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8 });
        assertEquals(Command.BAD_INPUT, cli.run("summary", bad.toString()));
        List<String> lines = cli.err().lines().toList();
        assertEquals(1, lines.size(), cli.err());
        assertTrue(lines.get(0).contains("model.h5") && lines.get(0).contains(".keras"), cli.err());
        assertFalse(cli.err().contains("Exception"), "no stack trace: " + cli.err());
    }

    @Test
    void activationsWriteGridsAndKerasLayoutArrays(@TempDir Path dir) throws Exception {
        Path outDir = dir.resolve("act");
        Path model = samples().resolve("models/mnist_convnet.keras");
        Path digit = samples().resolve("images/digit_3_0.png");
        assertEquals(Command.OK, cli.run("activations", model.toString(), digit.toString(), "--layers",
                "conv2d_1,dense_2", "--npy", "--out", outDir.toString()), cli.err());
        assertTrue(Files.size(outDir.resolve("conv2d_1.png")) > 1000);
        Tensor conv = Npy.read(outDir.resolve("conv2d_1.npy"));
        assertEquals(List.of(1, 26, 26, 32), Arrays.stream(conv.shape()).boxed().toList());
        Tensor probabilities = Npy.read(outDir.resolve("dense_2.npy"));
        int best = 0;
        for (int i = 1; i < 10; i++) {
            best = probabilities.data()[i] > probabilities.data()[best] ? i : best;
        }
        assertEquals(3, best, "the sample model reads the 3");
        assertTrue(cli.out().contains("conv2d_1") && cli.out().contains("dead channels"), cli.out());
    }

    @Test
    void activationsNeverWriteIntoAFolderOfTheUsers(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertEquals(Command.BAD_INPUT, cli.run("activations", "--out", dir.toString()));
        assertTrue(cli.err().contains("holds files Convscope did not write"), cli.err());
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }
}
