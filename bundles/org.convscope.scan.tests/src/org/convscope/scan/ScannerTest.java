package org.convscope.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;

/**
 * Scans of 200 real MNIST digits with the sample convnet: what the store holds, a scan stopped in
 * the middle of a batch's transaction and resumed giving exactly the uninterrupted scan's store, a
 * store of another scan refused untouched, a finished store not recomputed.
 */
class ScannerTest {

    private static final List<String> LAYERS = List.of("conv2d_1", "conv2d_2", "conv2d_3", "dense_1");
    private static final Scanner.Options OPTIONS = new Scanner.Options(LAYERS, 9, 32, null, null);

    /** Stops a scan as a kill would: an exception at a chosen point of a batch. */
    private static final class Stop extends RuntimeException {

        private static final long serialVersionUID = 1L;
    }

    @TempDir
    static Path dir;
    static ImageSet digits;
    static Path uninterrupted;
    static Scanner.Outcome first;

    @BeforeAll
    static void scanOnce() throws IOException {
        digits = ImageSet.of(ScanFixtures.mnist());
        uninterrupted = dir.resolve("uninterrupted.db");
        first = Scanner.run(ScanFixtures.sampleModel(), digits, uninterrupted, OPTIONS, new Scanner.Listener() {
        });
    }

    /** Everything a report reads from a store, for comparing two stores. */
    static Map<String, Object> contents(Path store) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>();
        try (ScanStore s = ScanStore.read(store)) {
            all.put("done", s.done());
            all.put("layers", s.layers());
            for (String layer : s.layers()) {
                all.put(layer, s.channels(layer));
                Map<Integer, List<Double>> classes = new LinkedHashMap<>();
                s.classMeans(layer).forEach((k, v) -> classes.put(k, Arrays.stream(v).boxed().toList()));
                all.put(layer + " classes", classes);
            }
        }
        return all;
    }

    @Test
    void storeHoldsStatisticsTopExamplesAndClassMeansOfTheWholeSet() throws IOException {
        assertEquals(new Scanner.Outcome(200, 0, 200, first.seconds()), first);
        try (ScanStore s = ScanStore.read(uninterrupted)) {
            assertEquals(200, s.done());
            assertEquals(LAYERS, s.layers());
            List<ChannelSummary> conv1 = s.channels("conv2d_1");
            assertEquals(32, conv1.size());
            for (int i = 0; i < conv1.size(); i++) {
                ChannelSummary c = conv1.get(i);
                assertEquals(200L * 26 * 26, c.values());
                assertEquals(9, c.top().size());
                assertEquals(c.max(), c.top().get(0).score(), 0, "the best example holds the channel's maximum");
                assertTrue(c.mean() >= 0 && c.std() >= 0 && c.zeros() >= 0 && c.zeros() <= 1);
                if (i > 0) {
                    assertTrue(conv1.get(i - 1).max() >= c.max(), "best first, by maximum");
                }
                for (int k = 1; k < c.top().size(); k++) {
                    assertTrue(Example.BEST_FIRST.compare(c.top().get(k - 1), c.top().get(k)) < 0);
                }
                Example best = c.top().get(0);
                // conv2d_1 is a valid 3x3 convolution of the input: (y, x) sees rows y..y+2, columns x..x+2
                assertArrayEquals(new int[] { best.y(), best.x(), best.y() + 3, best.x() + 3 }, best.crop());
            }
            // conv2d_3 (after two valid 3x3 convolutions and two 2x2 pools): a field of 18 pixels, stride 4
            Example deep = s.channels("conv2d_3").get(0).top().get(0);
            assertArrayEquals(new int[] { 4 * deep.y(), 4 * deep.x(), Math.min(28, 4 * deep.y() + 18),
                    Math.min(28, 4 * deep.x() + 18) }, deep.crop());
            // a Dense layer's units: one position each, the whole input as their crop
            ChannelSummary unit = s.channels("dense_1").get(0);
            assertEquals(200, unit.values());
            assertArrayEquals(new int[] { 0, 0, 28, 28 }, unit.top().get(0).crop());
            // the sample is 97 % accurate: the predicted classes of the 20 digits of each class
            Map<Integer, double[]> classes = s.classMeans("conv2d_3");
            assertTrue(classes.size() >= 9, "digits of at least 9 classes predicted: " + classes.keySet());
            assertEquals(64, classes.get(3).length);
        }
    }

    @Test
    void predictionsOfRealDigitsMatchTheirLabels() throws Exception {
        int right = 0;
        try (Connection db = JDBC.createConnection("jdbc:sqlite:" + uninterrupted, new Properties());
                Statement st = db.createStatement();
                ResultSet r = st.executeQuery("SELECT name, predicted FROM images ORDER BY image")) {
            while (r.next()) {
                if (r.getString(1).startsWith(r.getInt(2) + "/")) {
                    right++;
                }
            }
        }
        assertTrue(right >= 190, right + " of 200 digits predicted as labelled");
    }

    @Test
    void scanStoppedInsideABatchAndResumedEqualsTheUninterruptedScan() throws IOException {
        int batches = (200 + 31) / 32;
        int stopAt = 1 + new Random().nextInt(batches - 1);
        Path store = dir.resolve("resumed-" + stopAt + ".db");
        assertThrows(Stop.class,
                () -> Scanner.run(ScanFixtures.sampleModel(), digits, store, OPTIONS, new Scanner.Listener() {

                    @Override
                    public void beforeCommit(int done) {
                        if (done == Math.min(200, stopAt * 32)) {
                            throw new Stop();
                        }
                    }
                }), "stopped in batch " + stopAt);
        try (ScanStore s = ScanStore.read(store)) {
            assertEquals((stopAt - 1) * 32, s.done(), "batch " + stopAt + " left nothing behind");
        }
        Scanner.Outcome resumed = Scanner.run(ScanFixtures.sampleModel(), digits, store, OPTIONS,
                new Scanner.Listener() {
                });
        assertEquals((stopAt - 1) * 32, resumed.resumed());
        assertEquals(200 - (stopAt - 1) * 32, resumed.scanned());
        assertEquals(contents(uninterrupted), contents(store), "stopped in batch " + stopAt);
    }

    @Test
    void scanStoppedAfterACommitResumesWithTheNextBatch() throws IOException {
        Path store = dir.resolve("after-commit.db");
        assertThrows(Stop.class,
                () -> Scanner.run(ScanFixtures.sampleModel(), digits, store, OPTIONS, new Scanner.Listener() {

                    @Override
                    public void progress(int done, int total, double imagesPerSecond) {
                        if (done == 64) {
                            throw new Stop();
                        }
                    }
                }));
        assertEquals(64, Scanner.run(ScanFixtures.sampleModel(), digits, store, OPTIONS, new Scanner.Listener() {
        }).resumed());
        assertEquals(contents(uninterrupted), contents(store));
    }

    @Test
    void finishedStoreIsNotRecomputed() throws IOException {
        Scanner.Outcome again = Scanner.run(ScanFixtures.sampleModel(), digits, uninterrupted, OPTIONS,
                new Scanner.Listener() {

                    @Override
                    public void beforeCommit(int done) {
                        throw new AssertionError("nothing to write");
                    }
                });
        assertEquals(new Scanner.Outcome(200, 200, 0, again.seconds()), again);
    }

    @Test
    void storeOfAnotherScanIsRefusedAndLeftUntouched() throws IOException {
        Path copy = dir.resolve("other.db");
        Files.copy(uninterrupted, copy);
        byte[] before = Files.readAllBytes(copy);
        IOException e = assertThrows(IOException.class, () -> Scanner.run(ScanFixtures.sampleModel(), digits, copy,
                new Scanner.Options(LAYERS, 5, 32, null, null), new Scanner.Listener() {
                }));
        assertEquals(copy + ": this store holds another scan (top_k is 9, this scan's is 5); nothing was changed:"
                + " give another --out, or delete the store to start over", e.getMessage());
        e = assertThrows(IOException.class, () -> Scanner.run(ScanFixtures.sampleModel(), digits, copy,
                new Scanner.Options(List.of("conv2d_1"), 9, 32, null, null), new Scanner.Listener() {
                }));
        assertTrue(e.getMessage().contains("(layers is conv2d_1,conv2d_2,conv2d_3,dense_1, this scan's is conv2d_1)"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(copy));
    }

    @Test
    void fileThatIsNoStoreIsNamed() throws IOException {
        Path text = dir.resolve("notes.db");
        Files.writeString(text, "not a database at all, just some text that is long enough to be read");
        IOException e = assertThrows(IOException.class, () -> ScanStore.read(text));
        assertTrue(e.getMessage().startsWith(text + ": "), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
