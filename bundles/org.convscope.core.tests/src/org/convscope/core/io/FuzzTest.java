package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.convscope.core.keras.KerasModels;
import org.convscope.core.testing.FuzzRun;
import org.convscope.core.testing.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded, count-based mutation fuzz test of the model readers: every model fixture (.h5 in
 * all layouts, .keras, the architecture JSON and its weights, TensorFlow.js model.json and
 * shards) with bytes flipped, overwritten with boundary values, inserted, deleted, duplicated or
 * cut off ({@link Mutator}) is read completely: structure, every weight loaded, and the graph
 * built. Only a clean read or a {@link ModelFormatException} whose message is one line naming
 * the file may come out, each case within {@link org.convscope.core.testing.Bounded}'s bounds
 * (300 MB allocated by the reading thread, no hang): no other exception, no OutOfMemoryError.
 *
 * <p>The normal run is 2,000 cases of a fixed seed, the same on every machine. The longer run,
 * for developers: 200,000 cases of every fuzz test in this bundle (models, images, .npy), 29
 * minutes on 2 shared cores, of which models 17, images 8, .npy 1:
 *
 * <pre>
 * ./mvnw -B -o verify -pl bundles/org.convscope.core.tests -am -Dtest=FuzzTest,InputFuzzTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dconvscope.fuzz.cases=200000
 * </pre>
 *
 * with {@code -Dconvscope.fuzz.seed=N} for other cases, or {@code -Dconvscope.fuzz.minutes=30}
 * for a time budget instead of a count (see {@link FuzzRun}). Failing inputs are saved under
 * {@code target/fuzz-failures/}; each one found so far is kept in
 * {@code fixtures/fuzz-regressions/} and read by {@link FuzzRegressionTest}.
 */
class FuzzTest {

    static final int CASES = 2_000;

    @TempDir
    Path temp;

    /** One input to mutate: a file, and the folder whose other files it needs beside it. */
    private record Source(Path file, byte[] bytes, boolean withSiblings, Path read) {
    }

    @Test
    void mutatedModelsFailOnlyWithModelFormatException() throws Exception {
        List<Source> sources = sources();
        FuzzRun.Result r = FuzzRun.run("models", CASES, (index, random) -> place(sources, index, random),
                FuzzTest::readAll, t -> t instanceof ModelFormatException e && FuzzRun.namesFile(e.file(),
                        e.getMessage()));
        assertTrue(r.failures().isEmpty(), () -> FuzzRun.describe(r));
        assertTrue(r.cases() > 0 && r.rejected() > 0 && r.rejected() < r.cases(),
                () -> "a fuzz run that rejects all or nothing mutates badly: " + r);
    }

    /** Reads a model as {@code ./convscope activations} would, short of running it. */
    static void readAll(Path file) throws IOException {
        boolean hasConfig;
        try (RawModel m = ModelFiles.read(file)) {
            hasConfig = m.config() != null;
            Outcomes.loadAll(m);
        }
        if (hasConfig) {
            KerasModels.open(file).close();
        }
    }

    private static List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(FixtureFiles.models())) {
            for (Path p : s.filter(p -> !p.toString().endsWith("expected.json") && !p.toString().endsWith(".txt"))
                    .sorted().toList()) {
                out.add(new Source(p, Files.readAllBytes(p), false, p.getFileName()));
            }
        }
        try (Stream<Path> dirs = Files.list(FixtureFiles.tfjs())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path p : files.filter(p -> !p.getFileName().toString().endsWith("expected.json")).sorted()
                            .toList()) {
                        out.add(new Source(p, Files.readAllBytes(p), true, Path.of("model.json")));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Writes the mutated bytes where the reader will find them, beside unmutated copies of the
     * files the model needs, and returns the file to read.
     */
    private Path place(List<Source> sources, long index, SplittableRandom random) throws IOException {
        Source source = sources.get(random.nextInt(sources.size()));
        byte[] mutated = Mutator.mutate(source.bytes(), random);
        Path dir = Files.createDirectories(temp.resolve("case" + (index % 4)));
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        if (source.withSiblings()) {
            try (Stream<Path> files = Files.list(source.file().getParent())) {
                for (Path p : files.toList()) {
                    Files.copy(p, dir.resolve(p.getFileName()));
                }
            }
        }
        Files.write(dir.resolve(source.file().getFileName()), mutated);
        return dir.resolve(source.read());
    }
}
