package org.convscope.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A count-based fuzz run: cases {@code 0 .. n-1} of a seed, each made from its own generator
 * ({@link Mutator#random}), so every machine runs the same cases and reaches the same verdict.
 * Each case's read is {@link Bounded}: heap allocation and a hang limit, no wall-clock budget.
 *
 * <p>System properties, for a longer run (see the fixtures README, "Fuzzing"):
 * <ul>
 * <li>{@code convscope.fuzz.cases}: cases per test instead of each test's default;</li>
 * <li>{@code convscope.fuzz.seed}: the seed (default fixed);</li>
 * <li>{@code convscope.fuzz.first}: the first case's number, to replay one case with
 * {@code convscope.fuzz.cases=1};</li>
 * <li>{@code convscope.fuzz.minutes}: instead of a count, run cases until this many minutes have
 * passed (each case is still replayable by seed and number).</li>
 * </ul>
 * Blank values count as unset, so a build can always pass the properties through.
 *
 * <p>Every failing input is saved under {@code target/fuzz-failures/} of the test bundle (the
 * case's whole folder) and
 * named in the failure; the run goes on and reports all failures at the end.
 */
public final class FuzzRun {

    /** The seed every run uses unless told otherwise. */
    public static final long DEFAULT_SEED = 0x5eed_c0de_2026L;

    /** Makes one case: writes the mutated input and returns the file to read. */
    @FunctionalInterface
    public interface Maker {

        Path make(long index, SplittableRandom random) throws IOException;
    }

    /** Reads one case's file as the product would. */
    @FunctionalInterface
    public interface Reader {

        void read(Path file) throws Exception;
    }

    /** One input that broke the contract. */
    public record Failure(long index, Path saved, String what) {
    }

    /** @return the cases, accepted and rejected counts, failures and largest allocation of a run */
    public record Result(String name, long seed, long cases, long rejected, long maxAllocated, List<Failure> failures,
            long millis) {

        @Override
        public String toString() {
            return String.format("fuzz %s: %d cases (seed %d) in %.1f s: %d rejected cleanly, %d read, "
                    + "largest allocation %d MB, %d failures", name, cases, seed, millis / 1000.0, rejected,
                    cases - rejected - failures.size(), maxAllocated >> 20, failures.size());
        }
    }

    private FuzzRun() {
    }

    /**
     * @param name         names the run in messages and saved files
     * @param defaultCases cases when {@code convscope.fuzz.cases} is not set
     * @param maker        writes case {@code i}
     * @param reader       reads it
     * @param clean        true for a throwable that is a clean rejection (typed, one line naming
     *                     the file)
     */
    public static Result run(String name, int defaultCases, Maker maker, Reader reader,
            Predicate<Throwable> clean) throws IOException, InterruptedException {
        long seed = property("convscope.fuzz.seed", DEFAULT_SEED);
        long first = property("convscope.fuzz.first", 0);
        long cases = property("convscope.fuzz.cases", defaultCases);
        long minutes = property("convscope.fuzz.minutes", 0);
        long deadline = minutes > 0 ? System.nanoTime() + minutes * 60_000_000_000L : Long.MAX_VALUE;
        long start = System.nanoTime();
        List<Failure> failures = new ArrayList<>();
        long rejected = 0;
        long maxAllocated = 0;
        long index = first;
        try (Bounded bounded = new Bounded()) {
            for (; minutes > 0 ? System.nanoTime() < deadline : index < first + cases; index++) {
                Path file = maker.make(index, Mutator.random(seed, index));
                Bounded.Outcome outcome = bounded.run(() -> reader.read(file));
                maxAllocated = Math.max(maxAllocated, outcome.allocated());
                String what = outcome.overrun();
                Throwable thrown = outcome.thrown();
                if (what == null && thrown != null) {
                    if (clean.test(thrown)) {
                        rejected++;
                    } else {
                        what = thrown.toString().replace('\n', ' ');
                    }
                }
                if (what != null) {
                    Path saved = save(name, seed, index, file);
                    failures.add(new Failure(index, saved, what));
                    System.out.printf("fuzz %s: seed %d case %d (%s): %s%n", name, seed, index, saved, what);
                    if (thrown != null) {
                        thrown.printStackTrace(System.out);
                    }
                    if (outcome.hung()) {
                        break; // the runner's thread is still busy with it
                    }
                }
            }
        }
        Result result = new Result(name, seed, index - first, rejected, maxAllocated, failures,
                (System.nanoTime() - start) / 1_000_000);
        System.out.println(result);
        return result;
    }

    /** @return a failure message listing every failing case, for an assertion */
    public static String describe(Result r) {
        StringBuilder s = new StringBuilder(r.toString());
        for (Failure f : r.failures()) {
            s.append("\n  case ").append(f.index()).append(": ").append(f.what()).append(" — saved as ")
                    .append(f.saved());
        }
        return s.toString();
    }

    /** @return true for a message that is one line starting with {@code "<file name>: "} */
    public static boolean namesFile(Path file, String message) {
        return message != null && message.startsWith(file.getFileName() + ": ") && !message.contains("\n");
    }

    private static long property(String key, long fallback) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return Long.decode(v.strip());
    }

    private static Path save(String name, long seed, long index, Path file) {
        try {
            Path dir = Files.createDirectories(Fixtures.dir().resolveSibling("target").resolve("fuzz-failures")
                    .resolve(name + "-seed" + seed + "-case" + index));
            // the whole case folder: a TensorFlow.js case's mutated file may be a shard
            try (Stream<Path> files = Files.list(file.getParent())) {
                for (Path p : files.toList()) {
                    Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir.resolve(file.getFileName());
        } catch (IOException e) {
            return Path.of("(not saved: " + e + ")");
        }
    }
}
