package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzz test: the fixtures with bytes flipped, overwritten with boundary
 * values, inserted, deleted or cut off are read completely, weights included. Only a clean
 * read or a {@link ModelFormatException} may come out: no other exception, no OutOfMemoryError,
 * no hang. It runs for a bounded time.
 *
 * <p>System properties: {@code convscope.fuzz.seconds} (default 20), {@code convscope.fuzz.seed}
 * (default fixed, so a run is reproducible), {@code convscope.fuzz.caseTimeout} (seconds per
 * file, default 10). A failing input is saved under {@code java.io.tmpdir/convscope-fuzz/} and
 * named in the failure.
 */
class FuzzTest {

    private static final int[] BOUNDARY_INTS = { 0, -1, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 1 << 30 };

    @TempDir
    Path temp;

    /** One input to mutate: a model file, with the folder it needs (TensorFlow.js shards). */
    private record Source(Path file, byte[] bytes) {
    }

    @Test
    void mutatedFixturesFailOnlyWithModelFormatException() throws Exception {
        long seconds = Long.getLong("convscope.fuzz.seconds", 20);
        long seed = Long.getLong("convscope.fuzz.seed", 0x5eed_c0de_2026L);
        long caseTimeout = Long.getLong("convscope.fuzz.caseTimeout", 10);
        List<Source> sources = sources();
        Random random = new Random(seed);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int cases = 0;
        int errors = 0;
        ExecutorService executor = Outcomes.executor();
        try {
            while (System.nanoTime() < deadline) {
                Source source = sources.get(random.nextInt(sources.size()));
                byte[] mutated = mutate(source.bytes(), random);
                Path file = place(source, mutated, cases);
                Outcomes.Outcome outcome = Outcomes.run(executor, file, caseTimeout);
                if (outcome.timedOut()) {
                    throw new AssertionError(report("no answer within " + caseTimeout + " s", file, seed, cases));
                }
                if (outcome.unexpected() != null) {
                    throw new AssertionError(report(outcome.unexpected().toString(), file, seed, cases),
                            outcome.unexpected());
                }
                if (outcome.error() != null) {
                    errors++;
                    String message = outcome.error().getMessage();
                    assertTrue(message.startsWith(file.getFileName() + ": ") && !message.contains("\n"),
                            () -> report("badly formed message: " + message, file, seed, -1));
                }
                cases++;
            }
        } finally {
            executor.shutdownNow();
        }
        System.out.printf("fuzz: %d mutated files in %d s (seed %d): %d rejected, %d read cleanly%n", cases,
                seconds, seed, errors, cases - errors);
        assertTrue(cases > 0, "no case ran");
    }

    private List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(FixtureFiles.models())) {
            for (Path p : s.filter(p -> !p.toString().endsWith("expected.json") && !p.toString().endsWith(".txt"))
                    .sorted().toList()) {
                out.add(new Source(p, Files.readAllBytes(p)));
            }
        }
        for (String name : List.of("functional_branches", "sequential_convnet_uint8")) {
            Path dir = FixtureFiles.tfjs().resolve(name);
            out.add(new Source(dir.resolve("model.json"), Files.readAllBytes(dir.resolve("model.json"))));
            out.add(new Source(dir.resolve("group1-shard1of" + (name.startsWith("functional") ? 4 : 1) + ".bin"),
                    Files.readAllBytes(
                            dir.resolve("group1-shard1of" + (name.startsWith("functional") ? 4 : 1) + ".bin"))));
        }
        return out;
    }

    /**
     * Writes the mutated bytes where the reader will find them, beside unmutated copies of the
     * files the model needs, and returns the file to read.
     */
    private Path place(Source source, byte[] mutated, int index) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("case" + (index % 4)));
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Path origin = source.file().getParent();
        boolean tfjs = origin.getParent().getFileName().toString().equals("tfjs");
        if (tfjs) {
            try (Stream<Path> files = Files.list(origin)) {
                for (Path p : files.toList()) {
                    Files.copy(p, dir.resolve(p.getFileName()));
                }
            }
        }
        Files.write(dir.resolve(source.file().getFileName()), mutated);
        return tfjs ? dir.resolve("model.json") : dir.resolve(source.file().getFileName());
    }

    static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int operations = 1 + random.nextInt(4);
        for (int k = 0; k < operations && b.length > 0; k++) {
            // Half the edits hit the first 2 KiB, where the headers and directories of all formats lie.
            int at = random.nextBoolean() ? random.nextInt(Math.min(b.length, 2048)) : random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> {
                    int v = BOUNDARY_INTS[random.nextInt(BOUNDARY_INTS.length)];
                    for (int i = 0; i < 4 && at + i < b.length; i++) {
                        b[at + i] = (byte) (v >>> (8 * i));
                    }
                }
                case 3 -> {
                    byte[] inserted = new byte[1 + random.nextInt(16)];
                    random.nextBytes(inserted);
                    byte[] n = new byte[b.length + inserted.length];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(inserted, 0, n, at, inserted.length);
                    System.arraycopy(b, at, n, at + inserted.length, b.length - at);
                    b = n;
                }
                case 4 -> {
                    int length = Math.min(b.length - at, 1 + random.nextInt(16));
                    byte[] n = new byte[b.length - length];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + length, n, at, b.length - at - length);
                    b = n;
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static String report(String what, Path file, long seed, int index) {
        String saved = "";
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "convscope-fuzz"));
            Path copy = dir.resolve("case-" + seed + "-" + index + "-" + file.getFileName());
            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            saved = "; input saved as " + copy;
        } catch (IOException e) {
            saved = "; input could not be saved: " + e;
        }
        return file.getFileName() + " (seed " + seed + ", case " + index + "): " + what + saved;
    }
}
