package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.convscope.core.image.ImageInputs;
import org.convscope.core.image.ImageLoadException;
import org.convscope.core.npy.Npy;
import org.convscope.core.npy.NpyFormatException;
import org.convscope.core.testing.Bounded;
import org.convscope.core.testing.Fixtures;
import org.convscope.core.testing.FuzzRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every input that ever failed a fuzz test, kept in {@code fixtures/fuzz-regressions/} with a line
 * in its README (file, where it was found, what failed, what it must do now): each is read by the
 * reader that failed on it and must be rejected cleanly (or read, when that is its line's
 * outcome) within {@link Bounded}'s bounds: 300 MB allocated by the reading thread, no hang. A
 * line whose outcome is {@code open} is a failure not fixed yet: skipped while it still fails.
 */
class FuzzRegressionTest {

    /** Each read runs on its thread, its allocation counted; closed after the class's tests. */
    @AutoClose
    private static final Bounded bounded = new Bounded();

    /** The reader a kept input goes to, by its name. */
    private enum Kind {

        MODEL, IMAGE, NPY;

        static Kind of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isDirectory(file) || name.endsWith(".h5") || name.endsWith(".keras")
                    || name.endsWith(".json")) {
                return MODEL;
            }
            return name.endsWith(".npy") ? NPY : IMAGE;
        }
    }

    @TestFactory
    List<DynamicTest> everyKeptInputIsRejectedWithinTheBounds() throws IOException {
        Map<String, String> outcomes = outcomes();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> e : outcomes.entrySet()) {
            Path kept = dir().resolve(e.getKey());
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> check(kept, e.getValue())));
        }
        return tests;
    }

    @Test
    void everyKeptInputHasItsReadmeLine() throws IOException {
        Map<String, String> outcomes = outcomes();
        try (Stream<Path> s = Files.list(dir())) {
            List<String> files = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md"))
                    .sorted().toList();
            assertEquals(files, outcomes.keySet().stream().sorted().toList());
        }
        assertTrue(outcomes.containsKey("seed104375236042790-case4248-nested_sequential.h5"),
                "the case of issue 12 is kept");
    }

    private static void check(Path kept, String outcome) throws InterruptedException {
        Kind kind = Kind.of(kept);
        Path file = Files.isDirectory(kept) ? kept.resolve("model.json") : kept;
        long start = System.nanoTime();
        Bounded.Outcome o = bounded.run(() -> read(kind, file));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("fuzz regression %s: %s in %d ms, %d MB allocated%n", kept.getFileName(),
                o.thrown() == null ? "read" : "rejected", millis, o.allocated() >> 20);
        if (outcome.equals("open")) {
            boolean stillFails = o.overrun() != null || o.thrown() != null && !clean(kind, file, o.thrown());
            assertTrue(stillFails, () -> kept.getFileName() + " no longer fails: give its README line its outcome");
            Assumptions.abort(kept.getFileName() + ": known failure, not fixed yet (see the README): " + o.thrown());
        }
        assertNull(o.overrun(), () -> kept.getFileName() + ": " + o.overrun());
        if (outcome.equals("reads")) {
            assertNull(o.thrown(), () -> kept.getFileName() + " should read: " + o.thrown());
            return;
        }
        Throwable t = o.thrown();
        assertNotNull(t, kept.getFileName() + " should be rejected");
        if (!clean(kind, file, t)) {
            throw new AssertionError(kept.getFileName() + ": not a clean rejection", t);
        }
    }

    /** @return true for the reader's own exception with one line naming the file */
    private static boolean clean(Kind kind, Path file, Throwable t) {
        boolean typed = switch (kind) {
            case MODEL -> t instanceof ModelFormatException;
            case IMAGE -> t instanceof ImageLoadException;
            case NPY -> t instanceof NpyFormatException;
        };
        return typed && FuzzRun.namesFile(file, t.getMessage());
    }

    private static void read(Kind kind, Path file) throws IOException {
        switch (kind) {
            case MODEL -> FuzzTest.readAll(file);
            case IMAGE -> ImageInputs.decode(file);
            case NPY -> Npy.read(file);
        }
    }

    private static Path dir() {
        return Fixtures.file("fuzz-regressions");
    }

    /** @return file to outcome ({@code rejected} or {@code reads}) from the README's table */
    private static Map<String, String> outcomes() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir().resolve("README.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length >= 6 && cells[1].strip().startsWith("`")) {
                String file = cells[1].strip().replace("`", "").replaceAll("/$", "");
                String outcome = cells[5].strip();
                if (!outcome.equals("rejected") && !outcome.equals("reads") && !outcome.equals("open")) {
                    throw new IllegalStateException(
                            "README line for " + file + ": outcome must be rejected, reads or open");
                }
                out.put(file, outcome);
            }
        }
        return out;
    }
}
