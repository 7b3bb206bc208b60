package org.convscope.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import org.convscope.core.json.Json;
import org.convscope.core.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus ({@code bad/}, intended outcomes in {@code bad/expected.json}): each file
 * gives one {@link ModelFormatException} whose message names the file and contains the expected
 * phrase, within a time bound, with no other exception.
 */
class BadInputTest {

    /**
     * Well-formed files whose fault lies in the graph they describe; the graph builder reports
     * those, so the file layer must read them cleanly.
     */
    private static final Set<String> GRAPH_FAULTS = Set.of("cyclic.json", "unknown_inbound_layer.json");

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
    List<DynamicTest> corpus() throws IOException {
        Path bad = Fixtures.file("bad");
        Map<?, ?> expected = (Map<?, ?>) Json.parse(Files.readString(bad.resolve("expected.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<?, ?> e : expected.entrySet()) {
            String name = (String) e.getKey();
            Map<?, ?> want = (Map<?, ?>) e.getValue();
            Path file = bad.resolve(name);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Outcomes.Outcome outcome = Outcomes.run(executor, file, 20);
                assertFalse(outcome.timedOut(), name + ": no answer within 20 s");
                if (outcome.unexpected() != null) {
                    throw new AssertionError(name + ": unexpected exception", outcome.unexpected());
                }
                if ("opens".equals(want.get("outcome")) || GRAPH_FAULTS.contains(name)) {
                    assertNull(outcome.error(), () -> name + " should open: " + outcome.error().getMessage());
                    return;
                }
                assertNotNull(outcome.error(), name + " should fail");
                String message = outcome.error().getMessage();
                assertTrue(message.startsWith(file.getFileName() + ": "), message);
                assertFalse(message.contains("\n"), message);
                String phrase = (String) want.get("phrase");
                assertTrue(message.contains(phrase), () -> "'" + phrase + "' not in: " + message);
            }));
        }
        assertTrue(tests.size() >= 20, "corpus has only " + tests.size() + " files");
        return tests;
    }

    @TestFactory
    List<DynamicTest> messagesNameTheProblem() {
        Path bad = Fixtures.file("bad");
        return List.of(
                check(bad.resolve("keras_archive_named.h5"),
                        "keras_archive_named.h5: not an HDF5 file (first bytes 50 4B 03 04: a zip — did you mean a "
                                + ".keras file?)"),
                check(bad.resolve("empty.h5"), "empty.h5: not an HDF5 file (the file is empty)"),
                check(bad.resolve("zip_slip.keras"), "zip_slip.keras: unsafe entry '../evil' in the zip archive "
                        + "(absolute path or '..'); refusing to read it"));
    }

    /**
     * A shape under the element limit that still needs far more bytes than the file has: the
     * corpus file's 10^6 x 10^6 dimensions rewritten to 10^4 x 10^4 (400 MB of float32 in 10 KB).
     */
    @Test
    void declaredSizeBeyondTheFileIsRefused(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.file("bad/absurd_shape.h5"));
        byte[] million = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000).array();
        byte[] tenThousand = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(10_000).array();
        int replaced = 0;
        for (int i = 0; i + 8 <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + 8, million, 0, 8)) {
                System.arraycopy(tenThousand, 0, bytes, i, 8);
                replaced++;
            }
        }
        assertEquals(4, replaced, "dimensions and maximum dimensions, two each");
        Path file = dir.resolve("big_claim.h5");
        Files.write(file, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Outcomes.readFully(file));
        assertTrue(e.getMessage().startsWith("big_claim.h5: absurd shape [10000, 10000] for weight "
                + "/model_weights/dense/dense/kernel:0: too large, 400000000 bytes, more than the"), e.getMessage());
    }

    private static DynamicTest check(Path file, String message) {
        return DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            try {
                Outcomes.readFully(file);
                fail(file + " was read");
            } catch (ModelFormatException e) {
                assertEquals(message, e.getMessage());
            }
        });
    }
}
