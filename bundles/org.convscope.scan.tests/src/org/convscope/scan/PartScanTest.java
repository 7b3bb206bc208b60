package org.convscope.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan whose batches run elsewhere (as on Spark executors) gets its set in ranges of whole
 * batches, at most {@link Scanner#MAX_PART_BATCHES} each and a few at a time, so the parts waiting
 * to be folded are bounded by the batch, not by the set; and its store equals the one scanned here.
 */
class PartScanTest {

    @TempDir
    Path dir;

    @Test
    void rangesAreWholeBatchesOfBoundedSizeAtLeastFourAWorker() {
        List<int[]> r = Scanner.ranges(0, 100_000, 32, 2, Scanner.MAX_PART_BATCHES);
        assertEquals(50, r.size(), "3,125 batches in rounds of two ranges of at most 64 batches");
        int at = 0;
        for (int[] range : r) {
            assertEquals(at, range[0]);
            assertTrue(range[1] - range[0] <= Scanner.MAX_PART_BATCHES * 32, range[0] + ".." + range[1]);
            assertTrue(range[1] == 100_000 || (range[1] - range[0]) % 32 == 0, "whole batches");
            at = range[1];
        }
        assertEquals(100_000, at);
        assertEquals(
                List.of(List.of(64, 96), List.of(96, 128), List.of(128, 160), List.of(160, 192), List.of(192, 200)),
                Scanner.ranges(64, 200, 32, 4, Scanner.MAX_PART_BATCHES).stream()
                        .map(x -> List.of(x[0], x[1])).toList(),
                "resumed after two batches: five batches, at most one range a batch, the last one short");
        List<Integer> sizes = Scanner.ranges(0, 10_000, 32, 2, Scanner.MAX_PART_BATCHES).stream()
                .map(x -> x[1] - x[0]).toList();
        assertEquals(List.of(40 * 32, 39 * 32, 39 * 32, 39 * 32, 39 * 32, 39 * 32, 39 * 32, 10_000 - 274 * 32), sizes,
                "313 batches: four ranges a worker, not three of up to 64 batches, so the last are short");
        assertEquals(1, Scanner.ranges(192, 200, 32, 2, Scanner.MAX_PART_BATCHES).size(), "one batch left");
    }

    @Test
    void partsAreHandedOverAFewAtATimeAndFoldIntoTheStoreScannedHere() throws IOException {
        Scanner.Options options = new Scanner.Options(List.of("conv2d_2", "dense_1"), 5, 32, null, null);
        ImageSet digits = ImageSet.of(ScanFixtures.mnist());
        Path here = dir.resolve("here.db");
        Scanner.run(ScanFixtures.sampleModel(), digits, here, options, new Scanner.Listener() {
        });
        List<List<Integer>> started = new ArrayList<>();
        List<Integer> inFlight = new ArrayList<>();
        Path parts = dir.resolve("parts.db");
        try (Scanner.PartWorker worker = new Scanner.PartWorker(ScanFixtures.sampleModel(), options)) {
            Scanner.run(ScanFixtures.sampleModel(), digits, parts, options, new Scanner.Listener() {
            }, new Scanner.PartScanner() {

                int running;

                @Override
                public int parallelism() {
                    return 1;
                }

                // seven batches in ranges of at most two: four ranges, two started at a time
                @Override
                public int mostBatches() {
                    return 2;
                }

                @Override
                public Running start(int[] range) {
                    started.add(List.of(range[0], range[1]));
                    inFlight.add(++running);
                    return new Running() {

                        @Override
                        public ScanPart part() throws IOException {
                            running--;
                            return worker.scan(digits.items().subList(range[0], range[1]), range[0]);
                        }

                        @Override
                        public void cancel() {
                            running--;
                        }
                    };
                }
            });
        }
        assertEquals(List.of(List.of(0, 64), List.of(64, 128), List.of(128, 192), List.of(192, 200)), started,
                "four ranges, started in the set's order");
        assertEquals(List.of(1, 2, 2, 2), inFlight,
                "the next range starts while one is scanned, and never more than two wait to be folded");
        assertEquals(ScannerTest.contents(here), ScannerTest.contents(parts));
    }

    @Test
    void aPartThatFailsStopsTheScanAndCancelsTheRangesStillRunning() throws IOException {
        Scanner.Options options = new Scanner.Options(List.of("conv2d_2"), 5, 32, null, null);
        ImageSet digits = ImageSet.of(ScanFixtures.mnist());
        List<Integer> cancelled = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> Scanner.run(ScanFixtures.sampleModel(), digits,
                dir.resolve("failed.db"), options, new Scanner.Listener() {
                }, new Scanner.PartScanner() {

                    @Override
                    public int parallelism() {
                        return 2;
                    }

                    @Override
                    public int mostBatches() {
                        return 1;
                    }

                    @Override
                    public Running start(int[] range) {
                        return new Running() {

                            @Override
                            public ScanPart part() throws IOException {
                                throw new IOException("lost the executor of " + range[0]);
                            }

                            @Override
                            public void cancel() {
                                cancelled.add(range[0]);
                            }
                        };
                    }
                }));
        assertEquals("lost the executor of 0", e.getMessage());
        assertEquals(List.of(32, 64, 96), cancelled, "the three started after the first, which failed");
    }
}
