package org.convscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convscope.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan} of 200 real MNIST digits with the sample, and {@code scan-report} of its store. */
class ScanCommandTest {

    private static final String DIGITS = CommandLine
            .inRepository("bundles/org.convscope.scan.tests/fixtures/mnist200").toString();

    @TempDir
    static Path dir;
    static Path store;
    static CommandLine scan = new CommandLine();

    @BeforeAll
    static void scanTheDigits() {
        store = dir.resolve("digits.db");
        assertEquals(0, scan.run("scan", CommandLine.SAMPLE_MODEL, DIGITS, "--layers", "conv2d_1,conv2d_3", "--top",
                "4", "--batch", "50", "--out", store.toString()), scan.err());
    }

    @Test
    void scanSaysWhatItScannedAndShowsProgressOnStderr() {
        assertTrue(scan.out().startsWith("scanning 200 images of " + DIGITS
                + " with mnist_convnet.keras (layers conv2d_1,conv2d_3; top 4; batch 50) into " + store + "\n"),
                scan.out());
        assertTrue(scan.out().matches("(?s).*\nscanned 200 images in [0-9.]+ s \\([0-9]+ images/s\\) into "
                + store.toString().replace(".", "\\.") + "\n"), scan.out());
        assertTrue(scan.err().contains("  200/200 images, "), scan.err());
        assertTrue(scan.err().trim().endsWith("images/s, 0 s left"), scan.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportJsonHasTheIssuesShapeBestFirst() throws Exception {
        CommandLine report = new CommandLine();
        assertEquals(0, report.run("scan-report", store.toString(), "--layer", "conv2d_3", "--json"), report.err());
        Map<String, Object> json = (Map<String, Object>) Json.parse(report.out());
        assertEquals(List.of("channels"), new ArrayList<>(json.keySet()));
        List<Map<String, Object>> channels = (List<Map<String, Object>>) json.get("channels");
        assertEquals(64, channels.size());
        double previous = Double.POSITIVE_INFINITY;
        List<Long> seen = new ArrayList<>();
        for (Map<String, Object> c : channels) {
            assertEquals(List.of("channel", "top", "mean", "std", "max", "zeros", "dead"), new ArrayList<>(c.keySet()));
            seen.add(((Number) c.get("channel")).longValue());
            double max = ((Number) c.get("max")).doubleValue();
            assertTrue(max <= previous, "best first, by max");
            previous = max;
            List<Map<String, Object>> top = (List<Map<String, Object>>) c.get("top");
            assertEquals(4, top.size());
            for (Map<String, Object> t : top) {
                assertEquals(List.of("image", "score", "y", "x"), new ArrayList<>(t.keySet()));
                long y = ((Number) t.get("y")).longValue();
                assertTrue(y >= 0 && y < 3, "conv2d_3 is 3 x 3");
            }
            assertEquals((float) max, ((Number) top.get(0).get("score")).floatValue());
            assertTrue(((String) top.get(0).get("image")).matches("[0-9]/[0-9]_[0-9]{4}\\.png"));
            double zeros = ((Number) c.get("zeros")).doubleValue();
            assertTrue(zeros >= 0 && zeros <= 1);
            assertEquals(zeros == 1, c.get("dead"));
        }
        assertEquals(64, seen.stream().distinct().count());
    }

    @Test
    void reportTableAndLayerList() {
        CommandLine table = new CommandLine();
        assertEquals(0, table.run("scan-report", store.toString(), "--layer", "conv2d_1"), table.err());
        List<String> lines = table.out().lines().toList();
        assertEquals("conv2d_1 of mnist_convnet.keras over 200 of 200 images (digits.db); channels best first, by their"
                + " maximum", lines.get(0));
        assertEquals(2 + 32, lines.size());
        assertTrue(lines.get(1).trim().startsWith("channel"), lines.get(1));
        CommandLine layers = new CommandLine();
        assertEquals(0, layers.run("scan-report", store.toString()), layers.err());
        assertTrue(layers.out().startsWith("digits.db: scan of mnist_convnet.keras, 200 of 200 images, top 4\n"
                + "  conv2d_1: 32 channels, "), layers.out());
        assertTrue(layers.out().contains("\n  conv2d_3: 64 channels, "), layers.out());
    }

    @Test
    void sameScanAgainComputesNothing() {
        CommandLine again = new CommandLine();
        assertEquals(0, again.run("scan", CommandLine.SAMPLE_MODEL, DIGITS, "--layers", "conv2d_1,conv2d_3", "--top",
                "4", "--batch", "50", "--out", store.toString()), again.err());
        assertTrue(again.out().endsWith(store + " already holds this scan of all 200 images: nothing to do\n"),
                again.out());
        assertEquals("", again.err());
    }

    @Test
    void anotherScanIntoTheStoreIsRefusedNamingTheDifference() throws Exception {
        byte[] before = Files.readAllBytes(store);
        CommandLine other = new CommandLine();
        assertEquals(1, other.run("scan", CommandLine.SAMPLE_MODEL, DIGITS, "--layers", "conv2d_1,conv2d_3", "--top",
                "9", "--batch", "50", "--out", store.toString()));
        assertEquals("convscope scan: " + store + ": this store holds another scan (top_k is 4, this scan's is 9);"
                + " nothing was changed: give another --out, or delete the store to start over\n", other.err());
        assertEquals(before.length, Files.readAllBytes(store).length);
    }

    @Test
    void badArgumentsAndUnknownLayersAreNamed() {
        CommandLine noOut = new CommandLine();
        assertEquals(Command.USAGE, noOut.run("scan", CommandLine.SAMPLE_MODEL, DIGITS));
        assertTrue(noOut.err().startsWith("convscope scan: give the store to write with --out STORE\n"), noOut.err());
        CommandLine noLayer = new CommandLine();
        assertEquals(1, noLayer.run("scan-report", store.toString(), "--layer", "dense_1"));
        assertEquals("convscope scan-report: digits.db: the scan has no layer dense_1 (it has conv2d_1, conv2d_3)\n",
                noLayer.err());
        CommandLine notAStore = new CommandLine();
        assertEquals(1, notAStore.run("scan-report", CommandLine.SAMPLE_MODEL));
        assertTrue(notAStore.err().startsWith("convscope scan-report: " + CommandLine.SAMPLE_MODEL
                + ": not a Convscope scan store"), notAStore.err());
    }
}
