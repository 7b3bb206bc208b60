package org.convscope.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void rangesAreWholeBatchesOfBoundedSizeInRoundsThatKeepEveryWorkerBusy() {
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
        assertEquals(List.of(List.of(64, 128), List.of(128, 160), List.of(160, 192), List.of(192, 200)),
                Scanner.ranges(64, 200, 32, 4, Scanner.MAX_PART_BATCHES).stream()
                        .map(x -> List.of(x[0], x[1])).toList(),
                "resumed after two batches: five batches in four ranges, the last one short");
        assertEquals(1, Scanner.ranges(192, 200, 32, 2, Scanner.MAX_PART_BATCHES).size(), "one batch left");
    }

    @Test
    void partsAreHandedOverAFewAtATimeAndFoldIntoTheStoreScannedHere() throws IOException {
        Scanner.Options options = new Scanner.Options(List.of("conv2d_2", "dense_1"), 5, 32, null, null);
        ImageSet digits = ImageSet.of(ScanFixtures.mnist());
        Path here = dir.resolve("here.db");
        Scanner.run(ScanFixtures.sampleModel(), digits, here, options, new Scanner.Listener() {
        });
        List<List<int[]>> calls = new ArrayList<>();
        Path parts = dir.resolve("parts.db");
        try (Scanner.PartWorker worker = new Scanner.PartWorker(ScanFixtures.sampleModel(), options)) {
            Scanner.run(ScanFixtures.sampleModel(), digits, parts, options, new Scanner.Listener() {
            }, new Scanner.PartScanner() {

                @Override
                public int parallelism() {
                    return 2;
                }

                // seven batches in ranges of at most two: four ranges, handed over two at a time
                @Override
                public int mostBatches() {
                    return 2;
                }

                @Override
                public List<ScanPart> scan(List<int[]> ranges) throws IOException {
                    calls.add(ranges);
                    List<ScanPart> out = new ArrayList<>();
                    for (int[] r : ranges) {
                        out.add(worker.scan(digits.items().subList(r[0], r[1]), r[0]));
                    }
                    return out;
                }
            });
        }
        assertEquals(List.of(List.of(List.of(0, 64), List.of(64, 128)), List.of(List.of(128, 192), List.of(192, 200))),
                calls.stream().map(c -> c.stream().map(r -> List.of(r[0], r[1])).toList()).toList(),
                "two rounds of two ranges");
        assertEquals(ScannerTest.contents(here), ScannerTest.contents(parts));
    }
}
