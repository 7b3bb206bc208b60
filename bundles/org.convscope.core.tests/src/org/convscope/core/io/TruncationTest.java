package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every good fixture cut short at many offsets (all of the first 64 bytes in steps, 40 spread
 * over the file, the last few bytes) gives a {@link ModelFormatException}: an incomplete
 * download must be named as such, never read as a smaller model or crash.
 */
class TruncationTest {

    @TempDir
    static Path temp;

    private static ExecutorService executor;

    @BeforeAll
    static void start() {
        executor = Outcomes.executor();
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    @TestFactory
    List<DynamicTest> truncatedFixtures() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : List.of("sequential_convnet.h5", "sequential_convnet.keras", "nested_sequential.keras2.h5",
                "sequential_convnet.keras1.h5", "nested_sequential.weights.h5", "large_config.h5",
                "nested_sequential.architecture.json")) {
            Path file = FixtureFiles.models().resolve(name);
            tests.add(DynamicTest.dynamicTest(name, () -> truncations(file, file.getFileName().toString())));
        }
        Path tfjs = FixtureFiles.tfjs().resolve("sequential_convnet_uint8");
        tests.add(DynamicTest.dynamicTest("tfjs model.json",
                () -> truncations(tfjs.resolve("model.json"), "model.json")));
        tests.add(DynamicTest.dynamicTest("tfjs shard", () -> truncatedShard(tfjs)));
        return tests;
    }

    private static void truncations(Path source, String name) throws Exception {
        byte[] bytes = Files.readAllBytes(source);
        Path dir = Files.createDirectories(temp.resolve("cut-" + name));
        Path cut = dir.resolve(name);
        for (int length : offsets(bytes.length)) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            expectError(cut, name + " cut to " + length + " of " + bytes.length + " bytes");
        }
    }

    /** The manifest is intact but the shard lost its tail: a clear error when the model opens. */
    private static void truncatedShard(Path tfjs) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("cut-shard"));
        Files.copy(tfjs.resolve("model.json"), dir.resolve("model.json"));
        byte[] shard = Files.readAllBytes(tfjs.resolve("group1-shard1of1.bin"));
        for (int length : List.of(0, 1, shard.length / 2, shard.length - 1)) {
            Files.write(dir.resolve("group1-shard1of1.bin"), Arrays.copyOf(shard, length));
            ModelFormatException e = expectError(dir.resolve("model.json"), "shard cut to " + length);
            assertTrue(e.getMessage().contains("too short"), e.getMessage());
        }
    }

    static List<Integer> offsets(int size) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int i = 0; i < Math.min(64, size); i += 3) {
            out.add(i);
        }
        for (int i = 1; i <= 40; i++) {
            out.add((int) ((long) size * i / 41));
        }
        for (int i = 1; i <= 4; i++) {
            out.add(Math.max(0, size - i));
        }
        return List.copyOf(out);
    }

    private static ModelFormatException expectError(Path file, String what) throws InterruptedException {
        Outcomes.Outcome outcome = Outcomes.run(executor, file, 10);
        assertFalse(outcome.timedOut(), what + ": no answer within 10 s");
        if (outcome.unexpected() != null) {
            throw new AssertionError(what + ": unexpected exception", outcome.unexpected());
        }
        assertNotNull(outcome.error(), what + ": read without error");
        String message = outcome.error().getMessage();
        assertTrue(message.startsWith(file.getFileName() + ": ") && !message.contains("\n"), message);
        return outcome.error();
    }
}
