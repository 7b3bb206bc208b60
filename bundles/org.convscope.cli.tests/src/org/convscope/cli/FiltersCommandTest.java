package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.convscope.core.npy.Npy;
import org.convscope.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code filters} with issue 16's options on the bundled sample: the lucid preset, every filter of a
 * layer, the patterns as a .npy, the disk cache that makes a second run read what the first wrote,
 * and the other objectives.
 */
class FiltersCommandTest {

    private static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aLucidAtlasOfEveryFilterIsWrittenAsPngAndNpyAndCachedOnDisk(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("atlas.png");
        Path npy = dir.resolve("atlas.npy");
        Path cache = dir.resolve("cache");
        CommandLine cli = new CommandLine();
        assertEquals(Command.OK, cli.run("filters", CommandLine.SAMPLE_MODEL, "--layer", "conv2d_1", "--filters", "all",
                "--preset", "lucid", "--steps", "3", "--out", png.toString(), "--npy", npy.toString(), "--cache",
                cache.toString()), cli.err());
        assertTrue(cli.out().contains("32 patterns in"), cli.out());
        Tensor t = Npy.read(npy);
        assertArrayEquals(new int[] { 32, 28, 28, 3 }, t.shape());
        for (float v : t.data()) {
            assertTrue(v >= 0 && v <= 255, "pixel units");
        }
        assertEquals(32, files(cache), "one entry per filter");
        byte[] first = Files.readAllBytes(png);
        // again: every pattern read from the cache, the same picture
        CommandLine again = new CommandLine();
        assertEquals(Command.OK, again.run("filters", CommandLine.SAMPLE_MODEL, "--layer", "conv2d_1", "--filters",
                "all", "--preset", "lucid", "--steps", "3", "--out", png.toString(), "--cache", cache.toString()));
        assertArrayEquals(first, Files.readAllBytes(png));
        assertEquals(32, files(cache));
        // other options, other entries
        assertEquals(Command.OK, again.run("filters", CommandLine.SAMPLE_MODEL, "--layer", "conv2d_1", "--filters",
                "0-1", "--preset", "lucid", "--steps", "3", "--seed", "5", "--out", png.toString(), "--cache",
                cache.toString()));
        assertEquals(34, files(cache));
    }

    @Test
    void theClassAndDirectionObjectivesAndDiversity(@TempDir Path dir) throws IOException {
        CommandLine cli = new CommandLine();
        Path png = dir.resolve("x.png");
        assertEquals(Command.OK, cli.run("filters", CommandLine.SAMPLE_MODEL, "--layer", "dense_2", "--objective",
                "class", "--filters", "3,7", "--preset", "lucid", "--steps", "2", "--out", png.toString(),
                "--no-cache"),
                cli.err());
        assertTrue(cli.out().contains("2 patterns in"), cli.out());
        Path vec = dir.resolve("d.npy");
        float[] d = new float[64];
        d[5] = 1;
        d[9] = -1;
        Npy.write(vec, new Tensor(d, new int[] { 64 }));
        assertEquals(Command.OK, cli.run("filters", CommandLine.SAMPLE_MODEL, "--layer", "conv2d_2", "--objective",
                "direction", "--direction", vec.toString(), "--preset", "lucid", "--steps", "2", "--out",
                png.toString(), "--no-cache"), cli.err());
        assertEquals(Command.OK, cli.run("filters", CommandLine.SAMPLE_MODEL, "--layer", "conv2d_2", "--objective",
                "direction", "--direction", CommandLine.DIGIT_3 + "," + CommandLine.DIGIT_7, "--preset", "lucid",
                "--steps", "2", "--out", png.toString(), "--no-cache"), cli.err());
        assertEquals(Command.OK, cli.run("filters", CommandLine.SAMPLE_MODEL, "--layer", "conv2d_2", "--filters", "4",
                "--diversity", "10", "--preset", "lucid", "--steps", "2", "--out", png.toString(), "--no-cache"),
                cli.err());
        assertTrue(cli.out().contains("4 patterns in"), "4 diverse patterns of filter 4: " + cli.out());
    }

    @Test
    void badObjectivesAreUsageErrors() {
        CommandLine cli = new CommandLine();
        assertEquals(Command.USAGE, cli.run("filters", CommandLine.SAMPLE_MODEL, "--layer", "conv2d_2", "--objective",
                "colour"));
        assertTrue(cli.err().contains("unknown objective 'colour'"), cli.err());
        assertEquals(Command.USAGE,
                cli.run("filters", CommandLine.SAMPLE_MODEL, "--layer", "conv2d_2", "--objective", "direction"));
        assertTrue(cli.err().contains("--direction"), cli.err());
    }
}
