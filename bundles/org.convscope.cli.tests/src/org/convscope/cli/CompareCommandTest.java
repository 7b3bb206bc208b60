package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convscope compare}: the compare editor's ranking and difference, headless; and what it
 * refuses, each as one line.
 */
class CompareCommandTest {

    private final CommandLine cli = new CommandLine();

    private static final String MODEL = CommandLine.SAMPLE_MODEL;
    private static final String THREE = CommandLine.DIGIT_3;
    private static final String SEVEN = CommandLine.DIGIT_7;

    @Test
    void ranksTheChannelsAndWritesThePictureAndTheDifference(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("cmp.png");
        Path npy = dir.resolve("diff.npy");
        assertEquals(Command.OK, cli.run("compare", MODEL, THREE, SEVEN, "--layer", "conv2d_1", "--out", png.toString(),
                "--npy", npy.toString(), "--top", "5"), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertTrue(lines.get(0).startsWith("model mnist_convnet.keras (") && lines.get(0).contains("layer conv2d_1"),
                cli.out());
        assertTrue(lines.get(1).contains("rank") && lines.get(1).contains("score"), cli.out());
        List<String> rows = lines.subList(2, 7);
        assertTrue(rows.get(0).strip().startsWith("1 "), cli.out());
        double previous = Double.MAX_VALUE;
        for (String row : rows) {
            String[] f = row.strip().split(" +");
            double score = Double.parseDouble(f[f.length - 1]);
            assertTrue(score <= previous, "most different first: " + cli.out());
            previous = score;
        }
        assertEquals("wrote " + png, lines.get(7));
        assertTrue(Files.size(png) > 1000);
        Tensor d = Npy.read(npy);
        assertArrayEquals(new int[] { 1, 26, 26, 32 }, d.shape());

        // the difference is the activations' difference, as `activations --npy` writes them
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(Command.OK, new CommandLine().run("activations", MODEL, THREE, "--layers", "conv2d_1", "--npy",
                "--out", a.toString()));
        assertEquals(Command.OK, new CommandLine().run("activations", MODEL, SEVEN, "--layers", "conv2d_1", "--npy",
                "--out", b.toString()));
        float[] x = Npy.read(a.resolve("conv2d_1.npy")).data();
        float[] y = Npy.read(b.resolve("conv2d_1.npy")).data();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] - y[i], d.data()[i], 0f, "A - B at " + i);
        }
    }

    @Test
    void aLayerIsNeeded() {
        assertEquals(Command.USAGE, cli.run("compare", MODEL, THREE, SEVEN));
        assertTrue(cli.err().startsWith("convscope compare: --layer missing"), cli.err());
        assertTrue(cli.err().contains("usage: convscope compare MODEL IMAGE IMAGE..."), cli.err());
    }

    @Test
    void twoImagesAreNeeded() {
        assertEquals(Command.USAGE, cli.run("compare", MODEL, THREE, "--layer", "conv2d_1"));
        assertTrue(cli.err().startsWith("convscope compare: MODEL and two or more IMAGEs needed"), cli.err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(Command.USAGE, cli.run("compare", MODEL, THREE, SEVEN, "--layer", "conv2d_1", "--bogus"));
        assertTrue(cli.err().startsWith("convscope compare: unknown option --bogus"), cli.err());
    }

    @Test
    void aLayerTheModelLacksIsOneLine() {
        assertEquals(Command.BAD_INPUT, cli.run("compare", MODEL, THREE, SEVEN, "--layer", "conv2d_9"));
        List<String> lines = cli.err().lines().toList();
        assertEquals(1, lines.size(), cli.err());
        assertTrue(lines.get(0).startsWith("convscope compare: mnist_convnet.keras: no layer 'conv2d_9'"), cli.err());
    }

    @Test
    void inputsWhoseOutputsDifferInShapeAreRefused(@TempDir Path dir) throws IOException {
        String sequence = CommandLine
                .inRepository("bundles/org.convscope.core.tests/fixtures/models/conv1d_sequence.keras").toString();
        Path one = dir.resolve("one.npy");
        Path two = dir.resolve("two.npy");
        Npy.write(one, new Tensor(new float[32 * 2], new int[] { 1, 32, 2 }));
        Npy.write(two, new Tensor(new float[2 * 32 * 2], new int[] { 2, 32, 2 }));
        assertEquals(Command.BAD_INPUT, cli.run("compare", sequence, one.toString(), two.toString(), "--layer",
                "conv1d_a", "--out", dir.resolve("x.png").toString()));
        List<String> lines = cli.err().lines().toList();
        assertEquals(1, lines.size(), cli.err());
        assertTrue(lines.get(0).startsWith("convscope compare: conv1d_sequence.keras: inputs give outputs of different"
                + " shapes, (1, 28, 4) and (2, 28, 4)"), cli.err());
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    @Test
    void anInputIsNeverOverwritten(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(Path.of(THREE), dir.resolve("three.png"));
        byte[] before = Files.readAllBytes(copy);
        assertEquals(Command.USAGE, cli.run("compare", MODEL, copy.toString(), SEVEN, "--layer", "conv2d_1", "--out",
                copy.toString()));
        assertTrue(cli.err().contains("is one of the inputs"), cli.err());
        assertArrayEquals(before, Files.readAllBytes(copy));
    }
}
