package org.convscope.scan;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What scanning a run of whole batches of a set gives, to be folded into a store by
 * {@link Scanner#run(java.nio.file.Path, ImageSet, java.nio.file.Path, Scanner.Options, Scanner.Listener, Scanner.PartScanner)}:
 * its images, each batch's floating sums (added by the store's scan in the set's order, batch after
 * batch, as a scan in one process adds them) and the exact rest (counts, maxima, zeros, top
 * examples), merged over the run. Serializable, for a Spark executor to send to its driver.
 */
public final class ScanPart implements Serializable {

    private static final long serialVersionUID = 1L;

    final int from;
    final int to;
    final List<ScanStore.ImageRow> rows;
    /** Per batch, in order: layer → the batch's tally, its exact part moved to {@link #exact}. */
    final List<Map<String, LayerTally>> batches;
    /** Layer → the exact part of the run's tally, without sums. */
    final Map<String, LayerTally> exact;

    ScanPart(int from, int to, List<ScanStore.ImageRow> rows, List<Map<String, LayerTally>> batches,
            Map<String, LayerTally> exact) {
        this.from = from;
        this.to = to;
        this.rows = List.copyOf(rows);
        this.batches = List.copyOf(batches);
        this.exact = exact;
    }

    /** @return the index in the set of the part's first image */
    public int from() {
        return from;
    }

    /** @return the index after its last */
    public int to() {
        return to;
    }
}
