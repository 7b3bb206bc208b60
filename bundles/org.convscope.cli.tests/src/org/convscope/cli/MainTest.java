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

import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a person uses it: exit codes, one-line errors, files written. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Main main = new Main(Main.allCommands(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return main.run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

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
        assertEquals(Command.OK, run("--help"));
        for (String c : List.of("summary", "activations", "filters", "gradcam")) {
            assertTrue(out().contains("convscope " + c + " "), c + " in\n" + out());
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(Command.USAGE, run("sumary"));
        assertTrue(err().startsWith("convscope: unknown command 'sumary'"), err());
    }

    @Test
    void wrongArgumentsPrintTheCommandsSynopsis() {
        assertEquals(Command.USAGE, run("activations", "--per-row", "zero"));
        assertTrue(err().startsWith("convscope activations: --per-row takes a whole number"), err());
        assertTrue(err().contains("usage: convscope activations"), err());
    }

    @Test
    void aMissingFileIsNamed() {
        assertEquals(Command.BAD_INPUT, run("summary", "/no/such/model.h5"));
        assertEquals("convscope summary: /no/such/model.h5: no such file", err().strip());
    }

    @Test
    void summaryOfTheSampleMatchesKeras() {
        assertEquals(Command.OK, run("summary", samples().resolve("models/mnist_convnet.keras").toString()));
        assertTrue(out().contains("conv2d_1 (Conv2D)"), out());
        assertTrue(out().contains("Total params: 93,322"), out());
    }

    @Test
    void aBadFileGetsOneLineNamingItAndExitCodeOne(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("model.h5");
        Files.write(bad, new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8 });
        assertEquals(Command.BAD_INPUT, run("summary", bad.toString()));
        List<String> lines = err().lines().toList();
        assertEquals(1, lines.size(), err());
        assertTrue(lines.get(0).contains("model.h5") && lines.get(0).contains(".keras"), err());
        assertFalse(err().contains("Exception"), "no stack trace: " + err());
    }

    @Test
    void activationsWriteGridsAndKerasLayoutArrays(@TempDir Path dir) throws Exception {
        Path outDir = dir.resolve("act");
        Path model = samples().resolve("models/mnist_convnet.keras");
        Path digit = samples().resolve("images/digit_3_0.png");
        assertEquals(Command.OK, run("activations", model.toString(), digit.toString(), "--layers",
                "conv2d_1,dense_2", "--npy", "--out", outDir.toString()), err());
        assertTrue(Files.size(outDir.resolve("conv2d_1.png")) > 1000);
        Tensor conv = Npy.read(outDir.resolve("conv2d_1.npy"));
        assertEquals(List.of(1, 26, 26, 32), java.util.Arrays.stream(conv.shape()).boxed().toList());
        Tensor probabilities = Npy.read(outDir.resolve("dense_2.npy"));
        int best = 0;
        for (int i = 1; i < 10; i++) {
            best = probabilities.data()[i] > probabilities.data()[best] ? i : best;
        }
        assertEquals(3, best, "the sample model reads the 3");
        assertTrue(out().contains("conv2d_1") && out().contains("dead channels"), out());
    }

    @Test
    void activationsNeverWriteIntoAFolderOfTheUsers(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertEquals(Command.BAD_INPUT, run("activations", "--out", dir.toString()));
        assertTrue(err().contains("holds files Convscope did not write"), err());
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }
}
