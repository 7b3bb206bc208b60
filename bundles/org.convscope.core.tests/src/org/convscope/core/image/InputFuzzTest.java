package org.convscope.core.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.convscope.core.npy.Npy;
import org.convscope.core.npy.NpyFormatException;
import org.convscope.core.testing.Fixtures;
import org.convscope.core.testing.FuzzRun;
import org.convscope.core.testing.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded, count-based mutation fuzz test of the inputs {@code activations}, {@code gradcam}
 * and {@code filters} read: images (PNG 1/8/16-bit, grey, grey + alpha, RGBA, palette with and
 * without transparency; JPEG baseline, progressive, grey, CMYK, YCCK, with good and broken Exif;
 * GIF still and animated; BMP 8/24/32-bit and RLE8; and 50,000 x 50,000 declarations in each
 * format) and {@code .npy} arrays (every dtype, big-endian, Fortran order, 0-d, empty, version
 * 2.0, object and structured dtypes, absurd and truncated shapes). The seeds are
 * {@code fixtures/fuzz-seeds/}, written by {@code make_seeds.py} beside them.
 *
 * <p>Each case is mutated by {@link Mutator} and read as the product reads it: an image decoded
 * and loaded at a model's input size with preprocessing, an array read and batched. Only a clean
 * read or the reader's own exception ({@link ImageLoadException}, {@link NpyFormatException})
 * with one line naming the file may come out, within {@link org.convscope.core.testing.Bounded}'s
 * bounds. The longer run is the command in {@link org.convscope.core.io.FuzzTest}'s Javadoc.
 */
class InputFuzzTest {

    static final int IMAGE_CASES = 2_000;
    static final int NPY_CASES = 2_000;

    private static final InputSpec SPEC = new InputSpec(32, 32, ColorMode.RGB, Interpolation.BILINEAR,
            Preprocessing.CAFFE);

    @TempDir
    Path temp;

    @Test
    void mutatedImagesFailOnlyWithImageLoadException() throws Exception {
        List<Path> seeds = seeds(false);
        assertTrue(seeds.size() >= 25, "image seeds missing: " + seeds);
        FuzzRun.Result r = FuzzRun.run("images", IMAGE_CASES, (index, random) -> place(seeds, index, random),
                file -> {
                    ImageInputs.decode(file);
                    ImageInputs.load(file, SPEC);
                }, t -> t instanceof ImageLoadException e && FuzzRun.namesFile(e.file(), e.getMessage()));
        assertTrue(r.failures().isEmpty(), () -> FuzzRun.describe(r));
        assertTrue(r.rejected() > 0 && r.rejected() < r.cases(), () -> "rejects all or nothing: " + r);
    }

    @Test
    void mutatedArraysFailOnlyWithNpyFormatException() throws Exception {
        List<Path> seeds = seeds(true);
        assertTrue(seeds.size() >= 15, "array seeds missing: " + seeds);
        FuzzRun.Result r = FuzzRun.run("npy", NPY_CASES, (index, random) -> place(seeds, index, random), file -> {
            Npy.read(file);
            try {
                ImageInputs.batch(List.of(file), SPEC);
            } catch (ImageLoadException e) {
                // an array that is no image batch is refused there; the read above is the point
                if (!FuzzRun.namesFile(e.file(), e.getMessage())) {
                    throw e;
                }
            }
        }, t -> t instanceof NpyFormatException e && FuzzRun.namesFile(Path.of(e.fileName()), e.getMessage()));
        assertTrue(r.failures().isEmpty(), () -> FuzzRun.describe(r));
        assertTrue(r.rejected() > 0 && r.rejected() < r.cases(), () -> "rejects all or nothing: " + r);
    }

    private static List<Path> seeds(boolean npy) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Fixtures.file("fuzz-seeds"))) {
            s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && !n.endsWith(".py") && n.endsWith(".npy") == npy;
            }).sorted().forEach(out::add);
        }
        return out;
    }

    private Path place(List<Path> seeds, long index, SplittableRandom random) throws IOException {
        Path seed = seeds.get(random.nextInt(seeds.size()));
        Path dir = Files.createDirectories(temp.resolve("case" + index % 4));
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Path file = dir.resolve(seed.getFileName());
        Files.write(file, Mutator.mutate(Files.readAllBytes(seed), random));
        return file;
    }
}
